"""`clinqa synth qa`: emrQA-style questions filled from what clinqa finds in a note."""

from __future__ import annotations

import importlib.util
import json

import pytest

from clinqa.cli.main import main
from clinqa.data import read_squad, write_notes
from clinqa.errors import DataError
from clinqa.synth.notes import generate_notes
from clinqa.synth.qa import ABSENT_DRUGS, QuestionSynthesizer, load_templates
from clinqa.types import CATEGORIES
from tests.synth.sample import NOTE


@pytest.fixture(scope="module")
def questions():
    syn = QuestionSynthesizer(seed=5, unanswerable_fraction=0.25, paraphrases=1, max_per_template=10)
    return syn.questions(NOTE), syn.stats


def _by_template(qs, key):
    return [q for q in qs if q.template == key]


def test_drug_questions_read_dose_route_frequency_and_reason(questions):
    qs, _ = questions
    dose = {q.example.question: [a.text for a in q.example.answers] for q in _by_template(qs, "dosage")}
    lis = [v for k, v in dose.items() if "isinopril" in k]
    assert lis == [["10 mg"]]
    freq = [q for q in _by_template(qs, "frequency") if "isinopril" in q.example.question]
    assert [a.text for a in freq[0].example.answers] == ["daily"]
    reason = [q for q in _by_template(qs, "reason") if "isinopril" in q.example.question]
    assert [a.text for a in reason[0].example.answers] == ["hypertension"]
    assert reason[0].example.category == "Diagnosis"
    meds = _by_template(qs, "medication_list")
    assert meds and meds[0].answer_type == "list"
    assert [a.text for a in meds[0].example.answers] == ["Lisinopril 10 mg PO daily for hypertension",
                                                         "Aspirin 81 mg PO daily"]


def test_problems_follow_context_negation_and_family(questions):
    qs, _ = questions
    answered = {a.text for q in qs for a in q.example.answers}
    fever = [q for q in _by_template(qs, "symptom") if "fever" in q.example.question.lower()]
    assert fever and fever[0].verdict == "no" and fever[0].example.answers[0].text.startswith("Denies")
    assert fever[0].example.answer_type == "yes_no"
    htn = [q for q in _by_template(qs, "problem") if q.verdict == "yes" and
           any(a.text == "HTN" for a in q.example.answers)]
    assert htn
    # the mother's cancer is never an answer about the patient
    assert "breast cancer" not in answered
    cancer = [q for q in qs if "breast cancer" in q.example.question]
    assert all(q.example.is_impossible and q.verdict == "not_mentioned" for q in cancer)


def test_lab_values_over_time_name_admission_and_discharge(questions):
    qs, _ = questions
    adm = [q for q in _by_template(qs, "lab_admission") if q.example.answers]
    dis = [q for q in _by_template(qs, "lab_discharge") if q.example.answers]
    assert [a.text for a in adm[0].example.answers] == ["1.8 mg/dL"]
    assert [a.text for a in dis[0].example.answers] == ["1.1 mg/dL"]
    img = _by_template(qs, "imaging_result")
    assert [a.text for q in img if q.example.answers for a in q.example.answers] == ["right lower lobe consolidation"]


def test_every_answer_sits_at_its_offsets_and_unanswerables_are_absent(questions):
    qs, stats = questions
    assert stats.unanswerable >= 1 and stats.questions == len(qs)
    for q in qs:
        assert q.example.category in CATEGORIES
        for a in q.example.answers:
            a.check(NOTE)
        if q.example.is_impossible and q.template in ("dosage", "frequency", "drug_taking"):
            drugs = [d for d in ABSENT_DRUGS if d in q.example.question.lower()]
            assert drugs and all(d not in NOTE.text.lower() for d in drugs)


@pytest.mark.parametrize("fmt", ["noteevents", "jsonl", "dir"])
def test_cli_synth_qa_reads_noteevents_jsonl_and_txt_folder(tmp_path, capsys, fmt):
    notes = [NOTE, *generate_notes(1, seed=2)]
    path = tmp_path / {"noteevents": "NOTEEVENTS.csv", "jsonl": "notes.jsonl", "dir": "notes"}[fmt]
    write_notes(notes, path, fmt)
    out = tmp_path / "train.json"
    assert main(["synth", "qa", "--notes", str(path), "--out", str(out), "--seed", "3", "--json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["notes"] == 2 and summary["questions"] > 20
    assert 0.1 <= summary["unanswerable_fraction"] <= 0.4
    raw = json.loads(out.read_text())
    assert raw["version"] == "v2.0"
    qa = raw["data"][0]["paragraphs"][0]["qas"][0]
    assert {"category", "answer_type", "is_impossible"} <= set(qa)
    examples = list(read_squad(out))
    assert len(examples) == summary["questions"]
    assert all(ex.category in CATEGORIES for ex in examples)
    # the same notes give the same questions whatever the container
    key = sorted((ex.note.id.split("/")[-1], ex.question) for ex in examples)
    cache = tmp_path.parent / "synth_keys.json"
    if cache.exists():
        assert key == [tuple(k) for k in json.loads(cache.read_text())]
    else:
        cache.write_text(json.dumps(key))


def test_cli_synth_bad_input_exits_2(tmp_path, capsys):
    assert main(["synth", "qa", "--notes", str(tmp_path / "missing.csv"), "--out", str(tmp_path / "o.json")]) == 2
    assert main(["synth", "qa", "--notes", str(tmp_path), "--out", str(tmp_path / "o.txt")]) == 2
    bad = tmp_path / "t.yaml"
    bad.write_text("dosage:\n  paraphrases: ['What is |dose| of |drug|?']\n")
    with pytest.raises(DataError, match="unknown slot"):
        load_templates(bad)
    assert "error" in capsys.readouterr().err


def test_user_templates_override_paraphrases(tmp_path):
    t = tmp_path / "t.yaml"
    t.write_text("dosage:\n  paraphrases: ['Dose of |drug|?']\n")
    syn = QuestionSynthesizer(load_templates(t), seed=1, unanswerable_fraction=0.0)
    qs = [q for q in syn.questions(NOTE) if q.template == "dosage"]
    assert qs and all(q.example.question.startswith("Dose of ") for q in qs)


def test_importing_synth_leaves_the_cue_tables_as_written_and_copies_no_vocabulary():
    """The cue tables are shared: importing the synth package must not extend them in place, as
    adding COMMON_SYMPTOMS to COMMON_PROBLEMS at import once did (each one is compared with a
    fresh copy of `vocab.py` run on its own). The clinical vocabulary is the lexicon's: no copy
    of it is left in `vocab`, and every problem and symptom group of the lexicon is looked for."""
    import clinqa.cli.synth  # noqa: F401  (everything the CLI imports, imported)
    import clinqa.synth.notes  # noqa: F401
    import clinqa.synth.spans  # noqa: F401
    from clinqa.lexicon import lexicon
    from clinqa.synth.qa import mentions, vocab

    spec = importlib.util.spec_from_file_location("_pristine_synth_vocab", vocab.__file__)
    pristine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pristine)
    names = [k for k in vars(pristine) if k.isupper()]
    assert "ICD_STOP" in names and "NOT_A_DRUG" in names
    assert [k for k in names if getattr(vocab, k) != getattr(pristine, k)] == []
    assert not {"COMMON_PROBLEMS", "COMMON_SYMPTOMS", "AMBIGUOUS_FORMS", "LABS", "MIMIC_LAB_CODES", "UNITS",
                "DOSE"} & set(names)
    lex = lexicon()
    assert [c.name for c in mentions.concepts()] == [g.names[0] for g in lex.synonyms if g.kind]
    # an ambiguous abbreviation is never looked for, even where a group also holds it ("af")
    afib = next(c for c in mentions.concepts() if c.name == "atrial fibrillation")
    assert afib.ambiguous == ("AF",) and "af" not in {f.lower() for f in afib.forms}


def test_lab_forms_read_the_lexicon_s_names_with_the_case_rule_and_mimic_labels():
    from clinqa.synth.qa.mentions import lab_display_name, lab_forms

    forms = lab_forms()
    text = ("BLOOD UreaN-25* Creat-1.4* Plt Ct-250 %HbA1c-7.2 Mg-2.0\n"
            "Labs: K 4.1, Cr 1.2 mg/dL, TnT 0.02 ng/mL, pH 7.31, bicarb 22, hco3 24, k 9 and na 3.\n"
            "HR 88, an EF of 40%, LVEF 55-60%, metoprolol 25 mg daily.")
    found = [(forms.name_of(m.group("name")), m.group("value"), m.group("unit"))
             for m in forms.value_re.finditer(text)]
    found = [f for f in found if f[0]]
    assert found == [("bun", "25", None), ("creatinine", "1.4", None), ("platelets", "250", None),
                     ("hba1c", "7.2", None), ("magnesium", "2.0", None), ("potassium", "4.1", None),
                     ("creatinine", "1.2", "mg/dL"), ("troponin", "0.02", "ng/mL"), ("ph", "7.31", None),
                     ("bicarbonate", "22", None), ("bicarbonate", "24", None), ("ejection fraction", "40", "%")]
    # lower-case "k" and "na" are no lab; a vital sign is none either, nor a range, nor "mg"
    assert forms.name_of("k") is None and forms.name_of("mg") is None and "hr" not in forms.canonical
    assert [lab_display_name(n) for n in ("bun", "inr", "hba1c", "white blood cell count")] == \
        ["BUN", "INR", "HBA1C", "white blood cell count"]


def test_the_synthesizer_reads_the_lexicon_in_use(tmp_path):
    """A lab alias and a problem added by a user's lexicon file are found (the finders' tables
    are cached per lexicon, not once for the process), and are gone again with the shipped one."""
    from clinqa.lexicon import use_lexicon
    from clinqa.synth.qa.mentions import concepts, lab_forms
    from clinqa.types import Note

    site = tmp_path / "site.yaml"
    site.write_text("labs:\n  - name: potassium\n    aliases: [kaliemia]\n"
                    "synonyms:\n  - names: [takotsubo cardiomyopathy, TTC]\n    kind: problem\n"
                    "ambiguous_abbreviations:\n  hypertension: [HT]\n")
    note = Note(id="k1", text="HPI: 70F with TTC.\nLabs: Kaliemia 3.1 mEq/L.\n")
    try:
        use_lexicon(site)
        assert lab_forms().name_of("Kaliemia") == "potassium"
        qs = QuestionSynthesizer(seed=1, unanswerable_fraction=0.0).questions(note)
        labs = [q for q in qs if q.template == "lab_value"]
        assert [a.text for q in labs for a in q.example.answers] == ["3.1 mEq/L"]
        problems = [q for q in qs if q.template == "problem"]
        assert [a.text for q in problems for a in q.example.answers] == ["TTC"]
        assert "takotsubo cardiomyopathy" in {c.name for c in concepts()}
        assert next(c for c in concepts() if c.name == "hypertension").ambiguous == ("HT",)
    finally:
        use_lexicon()
    assert lab_forms().name_of("Kaliemia") is None
    assert "takotsubo cardiomyopathy" not in {c.name for c in concepts()}
