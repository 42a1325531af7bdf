import base64
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from clinqa.data import (
    AlignedAnswer, Prediction, read_archehr, read_emrqa, read_fhir, read_key, read_noteevents, read_notes,
    read_pairs, read_qa, read_squad, read_submission, write_archehr, write_emrqa, write_fhir, write_notes,
    write_pairs, write_squad, write_submission,
)
from clinqa.data.emrqa import EmrQAReader
from clinqa.errors import DataError
from clinqa.types import EvidenceCase, Note, QAExample, Sentence, Span, SummaryPair


# --- every file in ../shared/data -------------------------------------------------------

def test_reads_every_squad_file_in_shared_data(shared_data):
    files = sorted(shared_data.glob("covid_qa/*.json")) + sorted(shared_data.glob("xquad/*.json"))
    assert len(files) == 9
    for f in files:
        examples = list(read_qa(f))
        assert examples, f
        for ex in examples:
            for a in ex.answers:
                a.check(ex.note)
    covid = list(read_squad(shared_data / "covid_qa" / "covid_qa.json"))
    assert len(covid) == 1056 and len({ex.note.id for ex in covid}) == 78


def test_reads_indiana_reports(shared_data):
    pairs = list(read_pairs(shared_data / "indiana_reports" / "indiana_reports.csv"))
    assert 2500 < len(pairs) < 3351  # only rows with both findings and impression
    assert all(p.findings and p.impression for p in pairs)
    assert pairs[0].id == "1" and pairs[0].impression == "Normal chest x-XXXX."


def test_reads_archehr_public_files(shared_data):
    folder = shared_data / "archehr_qa_2026"
    cases = list(read_archehr(folder / "archehr-qa_subtask1_test.xml"))
    assert len(cases) == 47 and all(c.patient_narrative and not c.sentences for c in cases)
    for subtask in (1, 2, 3, 4):
        preds = read_submission(folder / f"example_submission_subtask_{subtask}.json", subtask)
        assert [p.case_id for p in preds] == ["1", "2", "3"]
    st4 = read_submission(folder / "example_submission_subtask_4.json", 4)
    assert st4[0].prediction[2] == AlignedAnswer("3", ("6", "7"))


def test_reads_example_notes(examples):
    notes = list(read_notes(examples))
    assert {n.id for n in notes} >= {"discharge_summary", "radiology_report", "progress_note", "nota_alta_es"}
    fhir = list(read_notes(examples / "radiology_report.fhir.json"))
    assert fhir[0].text == (examples / "radiology_report.txt").read_text(encoding="utf-8")


# --- SQuAD ------------------------------------------------------------------------------

def test_squad_round_trip_v2_with_unanswerable(tmp_path):
    note = Note("n1", "Aspirin 81 mg daily. No fever.")
    exs = [QAExample("q1", "What dose?", note, (Span(8, 13, "81 mg"),)),
           QAExample("q2", "Any rash?", note, (), is_impossible=True)]
    write_squad(exs, tmp_path / "s.json")
    back = list(read_squad(tmp_path / "s.json"))
    assert back == exs


def test_squad_realigns_off_by_one_answers_and_rejects_absent_ones(tmp_path):
    ctx = "The dose was 81 mg daily."
    doc = {"data": [{"paragraphs": [{"context": ctx, "qas": [
        {"id": "a", "question": "dose?", "answers": [{"text": " 81 mg", "answer_start": 14}]}]}]}]}
    (tmp_path / "ok.json").write_text(json.dumps(doc))
    (ex,) = read_squad(tmp_path / "ok.json")
    assert ex.answers[0] == Span(13, 18, "81 mg")
    doc["data"][0]["paragraphs"][0]["qas"][0]["answers"][0] = {"text": "insulin", "answer_start": 3}
    (tmp_path / "bad.json").write_text(json.dumps(doc))
    with pytest.raises(DataError, match=r"bad.json \(data\[0\]\.paragraphs\[0\]\.qas\[0\]\.answers\[0\]\)"):
        list(read_squad(tmp_path / "bad.json"))


@pytest.mark.parametrize("content,match", [
    ('{"data": [{"paragraphs": [{"context": "x", "qas": [', "malformed JSON"),
    ('{"data": [{"title": "t"}]}', r"data\[0\]\): expected key 'paragraphs'"),
    ('{"data": [{"paragraphs": [{"qas": []}]}]}', "expected key 'context'"),
    ('{"data": [{"paragraphs": [{"context": "abc", "qas": [{"id": 1, "question": "q", "answers": [{"text": "a"}]}]}]}]}',
     "answer needs 'text' and an integer 'answer_start'"),
    ('{"data": [{"paragraphs": [{"context": "abc", "qas": [{"id": 1, "question": "q", "answers": []}]}]}]}',
     "not marked is_impossible"),
    ('{"data": [{"paragraphs": [{"context": "abc", "qas": [{"id": 1, "question": "q", "answers": '
     '[{"text": "abc", "answer_start": 7}]}]}]}]}', "answer_start=7 is outside a context of 3 characters"),
])
def test_squad_malformed_files_name_the_place(tmp_path, content, match):
    f = tmp_path / "x.json"
    f.write_text(content)
    with pytest.raises(DataError, match=match):
        list(read_squad(f))


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=1, max_size=80).filter(lambda t: t.strip()), st.data())
def test_squad_reader_round_trips_random_offsets(tmp_path_factory, context, data):
    start = data.draw(st.integers(0, len(context) - 1))
    end = data.draw(st.integers(start + 1, len(context)))
    ex = QAExample("q", "what?", Note("n", context), (Span.of(context, start, end),))
    path = tmp_path_factory.mktemp("h") / "s.json"
    write_squad([ex], path)
    (back,) = read_squad(path)
    assert back.note.text == context
    a = back.answers[0]
    assert context[a.start:a.end] == a.text and a.text.strip() == context[start:end].strip()


# --- emrQA --------------------------------------------------------------------------------

def test_emrqa_native_line_token_offsets_and_variants(tmp_path):
    doc = {"data": [{"title": "medication", "paragraphs": [{"note_id": "123", "context": [
        "Admission Date : [**2101-3-4**]", "He was started on lisinopril 10 mg daily .", "No rash ."],
        "qas": [
            {"question": ["Why is the patient on lisinopril ?", "What is lisinopril for ?"], "id": [["x", 1]],
             "answers": [{"text": "lisinopril 10 mg", "answer_start": [1, 4], "evidence": "...", "answer_entity_type": "single"}]},
            {"question": ["Dose of lisinopril ?"], "id": "y",
             "answers": [{"text": "10 mg", "answer_start": [1, 0]}]},  # wrong token: realigned in the line
            {"question": ["Any warfarin ?"], "id": "z",
             "answers": [{"text": "warfarin 5 mg", "answer_start": [1, 0]}]},  # not there: dropped, counted
        ]}]}]}
    (tmp_path / "data.json").write_text(json.dumps(doc))
    reader = EmrQAReader(tmp_path / "data.json")
    exs = list(reader)
    assert exs[0].note.text.split("\n")[1] == "He was started on lisinopril 10 mg daily ."
    for ex in exs:
        for a in ex.answers:
            a.check(ex.note)
    assert exs[0].answers[0].text == "lisinopril 10 mg" and exs[0].question_variants == ("What is lisinopril for ?",)
    assert exs[0].id == "x|1"
    assert exs[1].answers[0].text == "10 mg"
    assert exs[2].answers == () and exs[2].is_impossible
    assert (reader.stats.answers, reader.stats.realigned, reader.stats.dropped) == (3, 1, 1)
    assert list(read_qa(tmp_path / "data.json"))[0].id == "x|1"  # sniffed as emrQA


def test_emrqa_round_trip(tmp_path):
    note = Note("7", "Line one here .\nHe takes metformin 500 mg .")
    exs = [QAExample("a", "What does he take ?", note, (Span(25, 34, "metformin"),), question_variants=("Meds ?",))]
    write_emrqa(exs, tmp_path / "e.json")
    back = list(read_emrqa(tmp_path / "e.json"))
    assert back[0].answers == exs[0].answers and back[0].question_variants == ("Meds ?",)


def test_emrqa_bad_line_index(tmp_path):
    doc = {"data": [{"paragraphs": [{"context": ["a b"], "qas": [
        {"question": ["q"], "id": "1", "answers": [{"text": "a", "answer_start": [5, 0]}]}]}]}]}
    (tmp_path / "d.json").write_text(json.dumps(doc))
    with pytest.raises(DataError, match=r"answers\[0\]\): answer_start line 5 is outside a context of 1 lines"):
        list(read_emrqa(tmp_path / "d.json"))


# --- ArchEHR-QA ------------------------------------------------------------------------------

def _case():
    text = "Pt admitted with sepsis. Started on vancomycin. Discharged home."
    sents = (Sentence("1", 0, 24, text[0:24], "1"), Sentence("2", 25, 47, text[25:47], "1"),
             Sentence("3", 48, 64, text[48:64], "2"))
    return EvidenceCase("1", Note("1", text), sents, patient_narrative="My dad had sepsis. Why vancomycin?",
                        patient_question="Why vancomycin?", clinician_question="Why was vancomycin given?",
                        relevance={"1": "essential", "2": "supplementary", "3": "not-relevant"})


def test_archehr_xml_and_key_round_trip(tmp_path):
    case = _case()
    write_archehr([case], tmp_path / "archehr-qa.xml", tmp_path / "archehr-qa_key.json")
    (back,) = read_archehr(tmp_path / "archehr-qa.xml", tmp_path / "archehr-qa_key.json")
    assert back.sentences == case.sentences and back.relevance == case.relevance
    assert back.clinician_question == case.clinician_question and back.patient_question == "Why vancomycin?"
    for s in back.sentences:
        assert back.note.text[s.start:s.end] == s.text


def test_archehr_bad_key_and_bad_xml(tmp_path):
    write_archehr([_case()], tmp_path / "a.xml")
    (tmp_path / "k.json").write_text(json.dumps([{"case_id": "1", "answers": [{"sentence_id": "1", "relevance": "vital"}]}]))
    with pytest.raises(DataError, match=r"k.json \(\[0\].answers\[0\]\): relevance 'vital' is not one of"):
        read_key(tmp_path / "k.json")
    (tmp_path / "k2.json").write_text(json.dumps([{"case_id": "1", "answers": [{"sentence_id": "9", "relevance": "essential"}]}]))
    with pytest.raises(DataError, match="sentence ids not in the case: 9"):
        list(read_archehr(tmp_path / "a.xml", tmp_path / "k2.json"))
    (tmp_path / "b.xml").write_text("<annotations><case id='1'><note_excerpt>x</note_excerpt></annotations>")
    with pytest.raises(DataError, match=r"b.xml \(line 1, column \d+\): malformed XML"):
        list(read_archehr(tmp_path / "b.xml"))


@pytest.mark.parametrize("subtask,prediction", [
    (1, "Why was ERCP done?"), (2, ("1", "3")), (3, "He had sepsis. |1|"),
    (4, (AlignedAnswer("1", ("2",)), AlignedAnswer("2", ()))),
])
def test_submission_round_trip(tmp_path, subtask, prediction):
    preds = [Prediction("1", prediction)]
    write_submission(preds, tmp_path / "s.json", subtask)
    assert read_submission(tmp_path / "s.json", subtask) == preds


def test_submission_wrong_shape(tmp_path):
    (tmp_path / "s.json").write_text(json.dumps([{"case_id": "1", "prediction": "1,2"}]))
    with pytest.raises(DataError, match=r"s.json \(\[0\]\): subtask 2 prediction must be a list"):
        read_submission(tmp_path / "s.json", 2)


# --- note collections, MIMIC, FHIR, radiology ------------------------------------------------

NOTES = [Note("a1", "Chest pain.\nNo fever.", {"category": "Discharge summary"}), Note("b2", "Cough, 3 days. é 中文")]


@pytest.mark.parametrize("name", ["notes.csv", "notes.jsonl", "notes.parquet", "folder"])
def test_note_collections_round_trip(tmp_path, name):
    write_notes(NOTES, tmp_path / name)
    back = list(read_notes(tmp_path / name))
    assert [(n.id, n.text) for n in back] == [(n.id, n.text) for n in NOTES]


def test_noteevents_round_trip_and_iserror(tmp_path):
    notes = [Note("1", "Discharge text", {"SUBJECT_ID": "9", "CATEGORY": "Discharge summary", "ISERROR": ""}),
             Note("2", "Bad note", {"SUBJECT_ID": "9", "CATEGORY": "Nursing", "ISERROR": "1"}),
             Note("3", "Echo text,\n\"quoted\"", {"SUBJECT_ID": "8", "CATEGORY": "Echo", "ISERROR": ""})]
    write_notes(notes, tmp_path / "NOTEEVENTS.csv", fmt="noteevents")
    back = list(read_notes(tmp_path / "NOTEEVENTS.csv"))
    assert [(n.id, n.text) for n in back] == [("1", "Discharge text"), ("3", "Echo text,\n\"quoted\"")]
    assert [n.id for n in read_noteevents(tmp_path / "NOTEEVENTS.csv", categories=["echo"])] == ["3"]


def test_noteevents_wrong_columns(tmp_path):
    (tmp_path / "n.csv").write_text("ROW_ID,TEXT,CATEGORY\n1,x,y\n")
    with pytest.raises(DataError, match=r"n.csv \(line 1\): missing column\(s\) SUBJECT_ID"):
        list(read_noteevents(tmp_path / "n.csv"))


def test_csv_errors_name_the_line(tmp_path):
    (tmp_path / "n.csv").write_text("id,text\n1,fine\n2,\n3,also fine\n")
    with pytest.raises(DataError, match=r"line 3\).*'text' is empty"):
        list(read_notes(tmp_path / "n.csv"))
    skipped = []
    assert [n.id for n in read_notes(tmp_path / "n.csv", skipped=skipped)] == ["1", "3"]
    assert len(skipped) == 1 and "line 3" in skipped[0]
    (tmp_path / "m.csv").write_text("id,body2\n1,x\n")
    with pytest.raises(DataError, match="no text column"):
        list(read_notes(tmp_path / "m.csv"))
    (tmp_path / "bad.jsonl").write_text('{"id": 1, "text": "ok"}\n{"id": 2, "text": \n')
    with pytest.raises(DataError, match=r"bad.jsonl \(line 2\): malformed JSON"):
        list(read_notes(tmp_path / "bad.jsonl"))


def test_fhir_document_reference_and_bundle(tmp_path):
    write_fhir(NOTES, tmp_path / "bundle.json")
    assert [(n.id, n.text) for n in read_fhir(tmp_path / "bundle.json")] == [(n.id, n.text) for n in NOTES]
    write_fhir(NOTES[:1], tmp_path / "doc.json", bundle=False)
    assert next(read_fhir(tmp_path / "doc.json")).text == NOTES[0].text
    doc = json.loads((tmp_path / "doc.json").read_text())
    doc["content"][0]["attachment"]["data"] = "@@@"
    (tmp_path / "bad.json").write_text(json.dumps(doc))
    with pytest.raises(DataError, match="not valid base64"):
        list(read_fhir(tmp_path / "bad.json"))
    doc["content"][0]["attachment"]["data"] = base64.b64encode(b"\xff\xfe").decode()
    (tmp_path / "bad2.json").write_text(json.dumps(doc))
    with pytest.raises(DataError, match="not valid UTF-8"):
        list(read_fhir(tmp_path / "bad2.json"))
    (tmp_path / "p.json").write_text(json.dumps({"resourceType": "Patient"}))
    with pytest.raises(DataError, match="'Patient' is not supported"):
        list(read_fhir(tmp_path / "p.json"))


@pytest.mark.parametrize("name", ["pairs.csv", "pairs.jsonl", "pairs.parquet"])
def test_radiology_pairs_round_trip(tmp_path, name):
    pairs = [SummaryPair("1", "No effusion. Heart normal.", "1. Normal chest."), SummaryPair("2", "Opacity LLL.", "Pneumonia.")]
    write_pairs(pairs, tmp_path / name)
    back = list(read_pairs(tmp_path / name))
    assert [(p.findings, p.impression) for p in back] == [(p.findings, p.impression) for p in pairs]


def test_radiology_bad_columns_and_non_text_cells(tmp_path):
    (tmp_path / "r.csv").write_text("findings,summary\nx,y\n")
    with pytest.raises(DataError, match="expected columns prompt,impressions"):
        list(read_pairs(tmp_path / "r.csv"))
    (tmp_path / "r.jsonl").write_text('{"prompt": "ok", "impressions": "fine"}\n{"prompt": 42, "impressions": "x"}\n')
    with pytest.raises(DataError, match=r"line 2\): column 'prompt' holds int"):
        list(read_pairs(tmp_path / "r.jsonl"))
    skipped = []
    assert len(list(read_pairs(tmp_path / "r.jsonl", skipped=skipped))) == 1 and len(skipped) == 1


@settings(max_examples=30, deadline=None)
@given(st.lists(st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"), min_size=1,
                        max_size=40).filter(lambda t: t.strip()), min_size=1, max_size=5))
def test_jsonl_and_csv_readers_round_trip_random_text(tmp_path_factory, texts):
    d = tmp_path_factory.mktemp("rt")
    notes = [Note(str(i), t) for i, t in enumerate(texts)]
    for name in ("n.jsonl", "n.csv"):
        write_notes(notes, d / name)
        assert [n.text for n in read_notes(d / name)] == texts
