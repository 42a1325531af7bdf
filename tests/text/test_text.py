import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clinqa.errors import DataError
from clinqa.text import check_note_text, decode_bytes, read_text_file, segment
from clinqa.text.assertion import assert_span, assert_spans
from clinqa.text.sentences import repair

NOTE = """HISTORY OF PRESENT ILLNESS: Mr. XXXX is a 67 y.o. male seen by Dr. Smith on [**2101-3-4**]. He denies chest pain. Possible pneumonia.
MEDICATIONS:
1. Metoprolol 25 mg p.o. b.i.d.
2. Aspirin 81 mg daily.
FAMILY HISTORY: Mother had breast cancer.
IMPRESSION: 1. No acute cardiopulmonary process. 2. Stable cardiomegaly.
Chief Complaint:
Shortness of breath, seen by [**First Name8 (NamePattern2) **] [**Last Name (NamePattern1) 123**]. Discharged on [**2101-3-9**]."""


@pytest.fixture(scope="module")
def sents():
    return segment(NOTE)


def texts(sents):
    return [s.text for s in sents]


def test_offsets_point_at_original_text(sents):
    for s in sents:
        assert NOTE[s.start:s.end] == s.text
    assert [s.id for s in sents] == [str(i) for i in range(1, len(sents) + 1)]


def test_abbreviations_do_not_split(sents):
    assert "HISTORY OF PRESENT ILLNESS: Mr. XXXX is a 67 y.o. male seen by Dr. Smith on [**2101-3-4**]." in texts(sents)
    assert "1. Metoprolol 25 mg p.o. b.i.d." in texts(sents)


def test_placeholders_stay_whole(sents):
    assert any("[**First Name8 (NamePattern2) **] [**Last Name (NamePattern1) 123**]." in t for t in texts(sents))
    for s in sents:
        assert s.text.count("[**") == s.text.count("**]")


def test_numbered_impression_items_are_separate(sents):
    t = texts(sents)
    assert "IMPRESSION: 1. No acute cardiopulmonary process." in t
    assert "2. Stable cardiomegaly." in t


def test_headers_and_sections(sents):
    by_text = {s.text: s for s in sents}
    assert by_text["MEDICATIONS:"].kind == "header"
    assert by_text["2. Aspirin 81 mg daily."].kind == "list_item"
    assert by_text["2. Aspirin 81 mg daily."].section == "medications"
    assert by_text["FAMILY HISTORY: Mother had breast cancer."].section == "family_history"
    assert by_text["He denies chest pain."].section == "history_of_present_illness"


def test_repair_is_pure_and_fixes_known_pyrush_splits():
    text = "Seen by Dr. Smith today. IMPRESSION: 1. Effusion."
    raw = [(0, 11), (12, 24), (25, 39), (40, 49)]  # "Seen by Dr." | "Smith today." | "IMPRESSION: 1." | "Effusion."
    assert [text[s:e] for s, e in repair(text, raw)] == ["Seen by Dr. Smith today.", "IMPRESSION: 1. Effusion."]


def test_long_note_is_segmented_in_blocks_without_losing_text():
    para = "Patient stable. No fever today.\n\n"
    text = para * 1500  # ~50k chars, several spaCy blocks
    sents = segment(text)
    assert len(sents) == 3000
    assert all(text[s.start:s.end] == s.text for s in sents)


def test_empty_text_has_no_sentences():
    assert segment("") == [] and segment(" \n\t ") == []


alphabet = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
clinical_bits = st.sampled_from(["Dr. ", "b.i.d. ", "[**2101-3-4**] ", "XXXX ", "\n", "1. ", "IMPRESSION: ", ". ",
                                 "HISTORY OF PRESENT ILLNESS:\n", "no fever", "  ", "\u0301", "é", "中文"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.text(alphabet, max_size=30), clinical_bits), max_size=25).map("".join))
def test_segmenter_never_crashes_and_offsets_round_trip(text):
    sents = segment(text)
    covered = [False] * len(text)
    last_end = 0
    for s in sents:
        assert text[s.start:s.end] == s.text
        assert s.start >= last_end and s.text == s.text.strip() and s.text
        last_end = s.end
        for i in range(s.start, s.end):
            covered[i] = True
    # every non-whitespace character is in exactly one sentence
    assert all(covered[i] for i, c in enumerate(text) if not c.isspace())


def test_assertion_categories():
    t = ("He denies chest pain. Possible pneumonia. FAMILY HISTORY: Mother had breast cancer. "
         "History of asthma. Stable cardiomegaly. If fever develops, return to the ED.")
    spans = [(t.find(w), t.find(w) + len(w)) for w in
             ["chest pain", "pneumonia", "breast cancer", "asthma", "cardiomegaly", "fever"]]
    assert assert_spans(t, spans) == ["negated", "possible", "family", "historical", "present", "hypothetical"]
    with pytest.raises(ValueError):
        assert_span(t, 5, 10_000)


# (sentence, target, language, assertion today); the last ones need clinqa's English extra cues (lexicon/data/context/en.json) or es rules
_CACHED_CASES = [
    ("Denies chest pain.", "chest pain", "en", "negated"),
    ("Mother had breast cancer.", "breast cancer", "en", "family"),
    # the default rules read "evaluate for" as a negation; the answer policy turns a request cue into
    # "hypothetical" for its verdicts, assert_spans reports ConText's flags as they are
    ("Evaluate for pneumothorax.", "pneumothorax", "en", "negated"),
    ("Consider CT angiogram.", "CT angiogram", "en", "hypothetical"),
    ("Never smoker.", "smoker", "en", "negated"),
    ("H. pylori biopsy pending.", "H. pylori biopsy", "en", "possible"),
    ("Former smoker.", "smoker", "en", "historical"),
    ("Niega fiebre.", "fiebre", "es", "negated"),
]


def _cached_assertions() -> list[str]:
    return [assert_spans(s, [(s.index(t), s.index(t) + len(t))], language=lang)[0] for s, t, lang, _ in _CACHED_CASES]


def test_clearing_the_pipeline_caches_keeps_the_rules():
    """The spaCy pipeline and anything derived from it are cached: every cached object must be
    complete when its function returns, so clearing any of the caches, in any order, gives the
    same rules and the same assertions (adding the extra cues to the cached pipeline's ConText from
    another cached function doubled them whenever that cache was cleared)."""
    import itertools

    from clinqa.text import assertion, pipeline

    caches = [f for f in (pipeline.get_nlp, assertion.context_pipe, assertion.parsed_block) if hasattr(f, "cache_clear")]
    assert [a for *_, a in _CACHED_CASES] == _cached_assertions()
    rules = {lang: len(assertion.context_pipe(lang).rules) for lang in ("en", "es")}
    assert rules["en"] > len(pipeline.english_extra_rules())
    for n in range(1, len(caches) + 1):
        for order in itertools.permutations(caches, n):
            for cache in order:
                cache.cache_clear()
            assert _cached_assertions() == [a for *_, a in _CACHED_CASES], [c.__name__ for c in order]
            for lang, count in rules.items():
                context = assertion.context_pipe(lang)
                # the component in use is the cached pipeline's own, with its rules once each
                assert context is pipeline.get_nlp(lang).get_pipe("medspacy_context"), [c.__name__ for c in order]
                assert len(context.rules) == count, [c.__name__ for c in order]
    # built complete by get_nlp: English has clinqa's extra cues without anyone adding them
    literals = {r.literal for r in pipeline.get_nlp("en").get_pipe("medspacy_context").rules}
    assert {lit for lit, *_ in pipeline.english_extra_rules()} <= literals


def test_input_checks(tmp_path):
    with pytest.raises(DataError, match="empty"):
        check_note_text("")
    with pytest.raises(DataError, match="only whitespace"):
        check_note_text(" \n ")
    with pytest.raises(DataError, match="NUL character at offset 3"):
        check_note_text("abc\x00def")
    with pytest.raises(DataError, match="over the limit"):
        check_note_text("x" * 101, max_chars=100)
    with pytest.raises(DataError, match=r"line 2\): not valid UTF-8"):
        decode_bytes(b"ok\n\xff", "f.txt")
    assert decode_bytes("\ufeffhé".encode(), "f") == "hé"
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * (10 * 1024 * 1024))
    with pytest.raises(DataError, match="big.txt: .*over the note limit"):
        read_text_file(big)
    with pytest.raises(DataError, match="file not found"):
        read_text_file(tmp_path / "missing.txt")


def test_fast_segmentation_agrees_with_pyrush_on_clinical_layout(examples):
    """Notes over FAST_CHARS get regex proposals; on shorter notes both paths must agree, so
    a long note is split as its pieces would be."""
    for text in [NOTE, *(p.read_text(encoding="utf-8") for p in sorted(examples.glob("*.txt")))]:
        slow = [(s.start, s.end, s.section, s.kind) for s in segment(text)]
        fast = [(s.start, s.end, s.section, s.kind) for s in segment(text, fast=True)]
        assert len(set(slow) & set(fast)) >= 0.9 * len(slow), text[:60]
    assert [s.text for s in segment(NOTE, fast=True)] == texts(segment(NOTE))


def test_long_note_segmentation_is_linear():
    import time

    from clinqa.text.sentences import FAST_CHARS

    para = "HOSPITAL COURSE: Stable overnight. Seen by Dr. Smith.\nMEDICATIONS:\n1. Metoprolol 25 mg p.o. b.i.d.\n\n"
    times = {}
    for n in (FAST_CHARS * 2, FAST_CHARS * 8):
        text = (para * (n // len(para) + 1))[:n]
        best = float("inf")
        for _ in range(3):  # the best of three: one pause of a busy machine is no superlinear time
            t = time.perf_counter()
            sents = segment(text)
            best = min(best, time.perf_counter() - t)
        times[n] = best
        assert sents[-1].end <= n and "".join(text[s.start:s.end] for s in sents[:3]).startswith("HOSPITAL")
        assert sents[1].section == "hospital_course" and sents[3].kind == "list_item"
    assert times[FAST_CHARS * 8] < 8 * times[FAST_CHARS * 2] * 2  # 4x the text: well under 16x the time


@pytest.mark.parametrize("sentence,term,status", [
    ("Troponins flat x3, NSTEMI ruled out; discharged on aspirin.", "nstemi", "negated"),
    ("Heparin-induced thrombocytopenia ruled out (negative antibody).", "thrombocytopenia", "negated"),
    ("She was ruled out for pulmonary embolism with a CTA.", "pulmonary embolism", "negated"),
    ("He has been ruled out for MI.", "mi", "negated"),
    # the cue after a term reaches only the term next to it, not an earlier finding of the sentence
    ("Cellulitis of the left leg, DVT ruled out by duplex.", "cellulitis", "present"),
])
def test_ruled_out_negates_its_own_term_before_or_after_it(sentence, term, status):
    from clinqa.qa.policy.verdicts import find_mentions

    assert [m.assertion for m in find_mentions(sentence, (term,))] == [status]
