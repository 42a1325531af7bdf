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


def test_importing_synth_leaves_the_shared_vocabularies_as_written():
    """The vocabularies are shared (and will be read from a data lexicon): importing the synth
    package must not extend them in place, as adding COMMON_SYMPTOMS to COMMON_PROBLEMS at import
    once did. Each one is compared with a fresh copy of `vocab.py` run on its own."""
    import clinqa.cli.synth  # noqa: F401  (everything the CLI imports, imported)
    import clinqa.synth.notes  # noqa: F401
    import clinqa.synth.spans  # noqa: F401
    from clinqa.synth.qa import mentions, vocab

    spec = importlib.util.spec_from_file_location("_pristine_synth_vocab", vocab.__file__)
    pristine = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(pristine)
    names = [k for k in vars(pristine) if k.isupper()]
    assert "COMMON_PROBLEMS" in names and "LABS" in names
    assert [k for k in names if getattr(vocab, k) != getattr(pristine, k)] == []
    # the finders' own table still holds every common symptom
    assert mentions.PROBLEM_VOCAB is not vocab.COMMON_PROBLEMS
    assert set(vocab.COMMON_SYMPTOMS) <= set(mentions.PROBLEM_VOCAB)
    assert set(vocab.COMMON_PROBLEMS) < set(mentions.PROBLEM_VOCAB)
