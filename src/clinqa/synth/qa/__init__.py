"""emrQA-style question generation from any note collection (`clinqa synth qa`).

emrQA (Pampari et al., 2018) was built by filling question templates from existing annotations
of i2b2 notes. Without annotations, clinqa fills the templates from what it finds offline in
the text itself:

- drugs from the drug lexicon (drug-named-entity-recognition), with dose, route and frequency
  read from the rest of the drug's line ("lisinopril 10 mg PO daily"), and a reason when the
  same stretch says "for <problem>";
- problems and symptoms from the lexicon's problem and symptom groups (`clinqa.lexicon`: the
  names and abbreviations the ICD titles miss - HTN, CAD, DVT, GERD, ...), then ICD-10-CM terms
  (simple-icd-10-cm); medspaCy ConText and the section decide how each mention may be asked
  about: present -> the mention answers
  "Does the patient have X?" ("yes"), negated -> the negation phrase answers it ("no"), family
  history -> the question about the patient is unanswerable;
- labs with values and units, by the lexicon's lab names and units (also MIMIC-III dumps such as
  "Creat-1.4*"); with several values the question names admission / discharge (or first / most
  recent);
- procedures, imaging results ("CXR showed ..."), radiology impressions, chief complaints and
  medication lists;
- unanswerable questions about drugs, problems, labs and procedures absent from the note.

Each question carries its gold category (the reader's category head), an answer type and,
for yes/no questions, the verdict (yes / no / not_mentioned). Output is SQuAD v2.0 JSON plus
`category`, `answer_type`, `verdict` and `template` per question (`read_squad` reads it back).

The modules: `vocab` (the cue regexes and the absent drugs, procedures and imaging asked
about; the clinical vocabulary is the lexicon's), `templates` (the packaged `templates.yaml` and
a user's overrides), `mentions` (what is found in a note) and `synthesizer` (the questions).
"""

from clinqa.synth.qa.mentions import NoteMention, find_mentions
from clinqa.synth.qa.synthesizer import QuestionSynthesizer, SynthQuestion, SynthStats, synthesize, write_synth_squad
from clinqa.synth.qa.templates import SLOTS, TEMPLATE_KEYS, Template, load_templates
from clinqa.synth.qa.vocab import ABSENT_DRUGS

__all__ = [
    "ABSENT_DRUGS", "NoteMention", "QuestionSynthesizer", "SLOTS", "SynthQuestion", "SynthStats", "TEMPLATE_KEYS",
    "Template", "find_mentions", "load_templates", "synthesize", "write_synth_squad",
]
