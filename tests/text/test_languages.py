"""Notes that are not in English: language detection, reader routing, sentences, sections and
assertion in es, bg, cs, el, pl, ro, and the questionnaire's languages."""

from __future__ import annotations

import json

import pytest

from clinqa.qa import routing
from clinqa.text.assertion import assert_spans
from clinqa.text.language import detect_language
from clinqa.types import Note

NOTES = {"el": "exitirio_el.txt", "bg": "epikriza_bg.txt", "pl": "wypis_pl.txt", "es": "nota_alta_es.txt",
         "en": "discharge_summary.txt"}


@pytest.mark.parametrize("lang", sorted(NOTES))
def test_example_notes_are_identified(examples, lang):
    got = detect_language((examples / NOTES[lang]).read_text(encoding="utf-8"))
    assert got.code == lang and got.confidence > 0.9


def test_short_or_numeric_text_is_undetermined_and_treated_as_english():
    for text in ("BP 120/80, HR 72, SpO2 98%", "[**2101-3-4**] 10:00", "ok"):
        lang = detect_language(text)
        assert lang.is_english, (text, lang)


def test_routing_by_note_and_question_language(examples, monkeypatch):
    greek = (examples / "exitirio_el.txt").read_text(encoding="utf-8")
    english = (examples / "discharge_summary.txt").read_text(encoding="utf-8")
    monkeypatch.setattr(routing, "multilingual_available", lambda: False)
    assert routing.choose_reader(english, "What allergies does the patient have?").model == "clinqa-qa-minilm"
    c = routing.choose_reader(greek, "What allergies does the patient have?")
    assert c.model == "multilingual-sentence-baseline" and "not installed" in c.reason
    assert (c.note_language.code, c.question_language.code) == ("el", "en")
    # a Greek question about an English note needs a multilingual reader too
    assert routing.choose_reader(english, "Τι αλλεργίες έχει ο ασθενής;").model == "multilingual-sentence-baseline"
    monkeypatch.setattr(routing, "multilingual_available", lambda: True)
    assert routing.choose_reader(greek, "Τι αλλεργίες έχει ο ασθενής;").model == "clinqa-qa-multilingual"
    assert routing.choose_reader(english, "What allergies?").model == "clinqa-qa-multilingual"  # the default reader
    # an explicit model always wins
    assert routing.choose_reader(greek, "x", requested="clinqa-qa-minilm").model == "clinqa-qa-minilm"


def test_routed_reader_sends_each_pair_to_its_reader_and_keeps_order(examples, monkeypatch):
    calls = {}

    class Stub:
        def __init__(self, name):
            self.name = name

        def answer_many(self, pairs, top_k=1, sentences=None, **kw):
            calls[self.name] = [n.id for n, _ in pairs]
            return [f"{self.name}:{n.id}" for n, _ in pairs]

    monkeypatch.setattr(routing, "load_answerer", lambda model, **kw: Stub(model))
    notes = [Note(id=k, text=(examples / v).read_text(encoding="utf-8")) for k, v in NOTES.items()]
    pairs = [(n, "What medications was the patient discharged on?") for n in notes]
    # without the multilingual reader: English to clinqa-qa-minilm, the rest to the sentence baseline
    monkeypatch.setattr(routing, "multilingual_available", lambda: False)
    r = routing.RoutedReader()
    out = r.answer_many(pairs)
    fallback = "multilingual-sentence-baseline"
    assert out == [f"{'clinqa-qa-minilm' if n.id == 'en' else fallback}:{n.id}" for n in notes]
    assert calls["clinqa-qa-minilm"] == ["en"] and sorted(calls[fallback]) == ["bg", "el", "es", "pl"]
    # with it (the default): every note, English included, in one call to the default reader
    calls.clear()
    monkeypatch.setattr(routing, "multilingual_available", lambda: True)
    r = routing.RoutedReader()
    assert r.answer_many(pairs) == [f"clinqa-qa-multilingual:{n.id}" for n in notes]
    assert list(calls) == ["clinqa-qa-multilingual"] and sorted(calls["clinqa-qa-multilingual"]) == sorted(NOTES)
    assert routing.answered_by(r, notes[0]) == "clinqa-qa-multilingual"


ASSERTIONS = {
    "es": [("El paciente niega dolor torácico.", "dolor torácico", "negated"), ("Sin fiebre.", "fiebre", "negated"),
           ("No se puede descartar neumonía.", "neumonía", "possible"),
           ("Madre con cáncer de mama.", "cáncer de mama", "family"), ("Presenta disnea de esfuerzo.", "disnea", "present")],
    "el": [("Ο ασθενής δεν ανέφερε θωρακικό άλγος.", "θωρακικό άλγος", "negated"), ("Χωρίς πυρετό.", "πυρετό", "negated"),
           ("Πιθανή πνευμονία δεξιού κάτω λοβού.", "πνευμονία", "possible"),
           ("Η μητέρα έχει σακχαρώδη διαβήτη.", "σακχαρώδη διαβήτη", "family"), ("Παρουσιάζει δύσπνοια.", "δύσπνοια", "present")],
    "bg": [("Пациентката отрича болка в гърдите.", "болка в гърдите", "negated"), ("Без температура.", "температура", "negated"),
           ("Съмнение за пневмония.", "пневмония", "possible"), ("Майка с рак на гърдата.", "рак на гърдата", "family"),
           ("Има задух при усилие.", "задух", "present")],
    "cs": [("Pacient popírá bolest na hrudi.", "bolest na hrudi", "negated"), ("Bez horečky.", "horečky", "negated"),
           ("Nelze vyloučit pneumonii.", "pneumonii", "possible"), ("Matka s karcinomem prsu.", "karcinomem prsu", "family"),
           ("Udává dušnost při námaze.", "dušnost", "present")],
    "pl": [("Pacjent zaprzecza bólowi w klatce piersiowej.", "bólowi w klatce piersiowej", "negated"),
           ("Bez gorączki.", "gorączki", "negated"), ("Podejrzenie zapalenia płuc.", "zapalenia płuc", "possible"),
           ("Matka z rakiem piersi.", "rakiem piersi", "family"), ("Zgłasza duszność wysiłkową.", "duszność", "present")],
    "ro": [("Pacientul neagă durerea toracică.", "durerea toracică", "negated"), ("Fără febră.", "febră", "negated"),
           ("Suspiciune de pneumonie.", "pneumonie", "possible"), ("Mama cu cancer de sân.", "cancer de sân", "family"),
           ("Prezintă dispnee de efort.", "dispnee", "present")],
    # (session 30: French, German, Portuguese, Italian and Dutch notes had read every finding as present)
    "fr": [("Le patient nie toute douleur thoracique.", "douleur thoracique", "negated"), ("Pas de diabète.", "diabète", "negated"),
           ("Suspicion d'embolie pulmonaire.", "embolie pulmonaire", "possible"), ("Mère avec cancer du sein.", "cancer du sein", "family"),
           ("Présente une dyspnée d'effort.", "dyspnée", "present"), ("Thrombolyse : non indiquée.", "Thrombolyse", "negated")],
    "de": [("Kein Fieber.", "Fieber", "negated"), ("Thoraxschmerz wird verneint.", "Thoraxschmerz", "negated"),
           ("Verdacht auf Pneumonie rechts basal.", "Pneumonie", "possible"), ("Mutter mit Mammakarzinom.", "Mammakarzinom", "family"),
           ("Klagt über Belastungsdyspnoe.", "Belastungsdyspnoe", "present")],
    "pt": [("Nega dor torácica.", "dor torácica", "negated"), ("Sem febre.", "febre", "negated"),
           ("Suspeita de pneumonia.", "pneumonia", "possible"), ("Mãe com cancro da mama.", "cancro da mama", "family"),
           ("Observa-se derrame pleural.", "derrame pleural", "present")],  # ("-se" is no "if")
    "it": [("Nega dolore toracico.", "dolore toracico", "negated"), ("Senza febbre.", "febbre", "negated"),
           ("Sospetta polmonite.", "polmonite", "possible"), ("Madre con diabete.", "diabete", "family"),
           ("Riferisce dispnea da sforzo.", "dispnea", "present")],
    "nl": [("Geen koorts.", "koorts", "negated"), ("Verdenking op pneumonie.", "pneumonie", "possible"),
           ("Moeder met diabetes.", "diabetes", "family"), ("Dyspneu als gevolg van anemie.", "Dyspneu", "present")],
}


@pytest.mark.parametrize("lang", sorted(ASSERTIONS))
def test_assertion_cues_per_language(lang):
    for text, target, want in ASSERTIONS[lang]:
        i = text.index(target)
        assert assert_spans(text, [(i, i + len(target))], language=lang) == [want], text


def test_assertion_detects_the_note_language(examples):
    # no language given: the Bulgarian rules apply because the note is Bulgarian
    text = (examples / "epikriza_bg.txt").read_text(encoding="utf-8")
    targets = ["болка в гърдите", "алергии", "Артериална хипертония"]
    spans = [(text.index(t), text.index(t) + len(t)) for t in targets]
    assert assert_spans(text, spans) == ["negated", "negated", "present"]
    # English cues do not fire on Greek text, nor Greek ones on English
    assert assert_spans("Patient has no fever.", [(15, 20)], language="el") == ["present"]
    assert assert_spans("Patient has no fever.", [(15, 20)], language="en") == ["negated"]


@pytest.mark.parametrize("lang", ["el", "bg", "pl"])
def test_sentences_sections_and_offsets_on_example_notes(examples, lang):
    from clinqa.text import segment

    text = (examples / NOTES[lang]).read_text(encoding="utf-8")
    sents = segment(text, lang)
    assert all(text[s.start:s.end] == s.text for s in sents)
    assert all(a.end <= b.start for a, b in zip(sents, sents[1:]))
    # every non-space character is in a sentence
    covered = sum(len(s.text.replace(" ", "").replace("\n", "")) for s in sents)
    assert covered == len(text.replace(" ", "").replace("\n", ""))
    assert 15 <= len(sents) <= 30
    assert {"past_medical_history", "hospital_course", "medications" if lang != "pl" else "patient_instructions"} \
        <= {s.section for s in sents}
    assert sum(s.kind == "list_item" for s in sents) >= 3


def test_greek_and_cyrillic_headers_and_missed_sentence_ends():
    from clinqa.text import segment

    text = ("ΦΑΡΜΑΚΑ ΕΞΟΔΟΥ:\nΤα λευκά ήταν 15.400/μL και η CRP 182 mg/L. Ο ασθενής δεν ανέφερε άλγος; "
            "Έλαβε αγωγή από τον Γ. Παπαδόπουλο.\nЛЕЧЕНИЕ:\nФуроземид 40 mg.")
    got = [(s.text, s.kind) for s in segment(text)]
    assert got == [("ΦΑΡΜΑΚΑ ΕΞΟΔΟΥ:", "header"), ("Τα λευκά ήταν 15.400/μL και η CRP 182 mg/L.", "sentence"),
                   ("Ο ασθενής δεν ανέφερε άλγος;", "sentence"), ("Έλαβε αγωγή από τον Γ. Παπαδόπουλο.", "sentence"),
                   ("ЛЕЧЕНИЕ:", "header"), ("Фуроземид 40 mg.", "sentence")]


def test_title_lines_are_headers_but_measurements_are_not():
    from clinqa.text import segment

    text = "KARTA INFORMACYJNA LECZENIA SZPITALNEGO\n\nЕПИКРИЗА\n\nBP 120/80\n\nMRI\n\nPacjent pali."
    assert [s.kind for s in segment(text)] == ["header", "header", "sentence", "sentence", "sentence"]


def test_discharge_questionnaire_speaks_the_seed_languages(examples):
    from clinqa.questionnaire import load_questionnaire

    q = load_questionnaire("discharge-summary")
    assert {"en", "es", "bg", "cs", "el", "pl", "ro"} <= set(q.languages)
    for c in q.concepts:
        for lang in ("bg", "cs", "el", "pl", "ro"):
            assert c.questions_for(lang) and c.questions_for(lang) != c.questions_for("en"), (c.id, lang)
    greek = Note("n", (examples / "exitirio_el.txt").read_text(encoding="utf-8"))
    assert routing.question_language("auto", greek) == "el"
    assert routing.question_language("es", greek) == "es"


def test_e5_prefixes_for_the_dense_scorer():
    from clinqa.retrieval.dense import BiEncoderScorer

    s = BiEncoderScorer("multilingual-e5-small")
    assert (s.query_prefix, s.passage_prefix) == ("query: ", "passage: ")
    assert (BiEncoderScorer("minilm").query_prefix, BiEncoderScorer("minilm").passage_prefix) == ("", "")


@pytest.mark.slow
@pytest.mark.parametrize("question", ["Τι αλλεργίες έχει ο ασθενής;", "What allergies does the patient have?"])
def test_ask_a_greek_note_in_greek_and_in_english(examples, question, capsys):
    from clinqa.cli.main import main

    path = examples / "exitirio_el.txt"
    code = main(["ask", "--note", str(path), question, "--json"])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    doc = json.loads(captured.out)
    text = path.read_text(encoding="utf-8")
    a = doc["answers"][0]
    assert doc["languages"]["note"] == "el" and doc["model"] == "clinqa-qa-multilingual"
    assert text[a["start"]:a["end"]] == a["text"] and "πενικιλίνη" in a["text"]


def test_language_of_remembers_the_sample_not_the_note(examples):
    """One cached detection per note sample for routing, the answer policy and ConText; a long
    note is cached by its first SAMPLE_CHARS characters, so it gives the same answer."""
    from clinqa.text.language import SAMPLE_CHARS, _detect_sample, detect_language, language_of

    greek = (examples / "exitirio_el.txt").read_text(encoding="utf-8") * 50
    assert len(greek) > SAMPLE_CHARS
    assert language_of(greek) == detect_language(greek) and language_of(greek).code == "el"
    before = _detect_sample.cache_info().hits
    language_of(greek + " more text")
    assert _detect_sample.cache_info().hits == before + 1


def test_the_language_model_is_kept_decompressed_and_gives_the_packages_answers(tmp_path, monkeypatch):
    import lzma

    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from clinqa.text import language

    texts = ["The patient was discharged home on oral antibiotics.", "El paciente fue dado de alta con amoxicilina.",
             "Der Patient wurde mit Metformin entlassen.", "Ο ασθενής πήρε εξιτήριο.", "BP 120/80, HR 72"]
    reference = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
    language._identifier.cache_clear()
    try:
        language._identifier()  # the package's loader, then keeps the decompressed copy
        kept = list((tmp_path / "vocabularies").glob("langid-*.npz"))
        assert len(kept) == 1
        language._identifier.cache_clear()
        monkeypatch.setattr(lzma, "open", None)  # read back without decompressing
        cached = language._identifier()
        assert [cached.classify(t) for t in texts] == [reference.classify(t) for t in texts]
        monkeypatch.undo()
        monkeypatch.setenv("CLINQA_CACHE", str(tmp_path))
        kept[0].write_bytes(kept[0].read_bytes()[:100_000])  # cut short: the package's loader again, and a good copy
        language._identifier.cache_clear()
        assert [language._identifier().classify(t) for t in texts] == [reference.classify(t) for t in texts]
        assert kept[0].stat().st_size > 1_000_000
    finally:
        language._identifier.cache_clear()


def test_an_unusable_cache_folder_does_not_stop_language_identification(tmp_path, monkeypatch):
    from clinqa.text import language

    # a folder name too long to use: asking whether a file is there raises, not only reading it
    monkeypatch.setenv("CLINQA_CACHE", str(tmp_path / ("x" * 300)))
    language._identifier.cache_clear()
    try:
        assert language.detect_language("The patient was discharged home on oral antibiotics.").code == "en"
    finally:
        language._identifier.cache_clear()
