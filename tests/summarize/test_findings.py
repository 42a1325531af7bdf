"""Radiology findings of any modality, typed (clinqa.summarize.findings), and the check that
keeps every positive finding in the impression without invented numbers, sides or severities
(clinqa.summarize.fidelity). Every report here was written for these tests."""

from __future__ import annotations

import pytest

from clinqa.lexicon.loader import LexiconError
from clinqa.lexicon.radiology import radiology_lexicon
from clinqa.summarize.fidelity import check_items, extractive_impression, repair_items
from clinqa.summarize.findings import detect_modality, read_findings

NORMAL_CXR = "Heart size is within normal limits. The lungs are clear. No pleural effusion or pneumothorax."

# The seven chest X-ray patterns of the issue, in new words: (findings, the head that must survive)
CXR_PATTERNS = [
    ("Cardiomediastinal silhouette is unremarkable. Slight blunting of both costophrenic angles. No pneumothorax.",
     "pleural effusion", "costophrenic"),
    ("The lungs appear hyperinflated and there are emphysematous changes at the apices. Heart size normal.",
     "emphysema", "emphysematous"),
    ("Heart and mediastinum normal. Linear lucency through the left 5th posterior rib, possibly a nondisplaced "
     "fracture.", "fracture", "rib"),
    ("The cardiac contour is mildly enlarged. Lungs are clear without focal consolidation.", "cardiomegaly",
     "enlarged"),
    ("Lungs are clear. The right paratracheal stripe is lobulated, which may be due to a lymph node.",
     "lymphadenopathy", "paratracheal"),
    ("A retrocardiac air-fluid level is seen, compatible with a hiatal hernia. The lungs are clear.",
     "hiatal hernia", "hiatal hernia"),
    ("Streaky densities at the lung bases, atelectasis versus early infiltrate. No effusion.", "atelectasis",
     "streaky"),
]

CTA = ("CT angiogram of the chest, pulmonary embolism protocol. Intraluminal filling defects are present in the "
       "left lower lobe segmental pulmonary arteries, consistent with acute pulmonary emboli. The main pulmonary "
       "artery is normal in caliber. No pleural effusion. The thoracic aorta is normal in caliber.")

CT_HEAD = ("Noncontrast CT head. There is a 2.1 x 1.4 cm acute hemorrhage in the right thalamus with 3 mm of "
           "leftward midline shift. Moderate surrounding edema, increased compared to the prior study. "
           "The basal cisterns are patent. The calvarium is intact.")


def test_every_finding_keeps_offsets_and_attributes():
    r = read_findings(CT_HEAD)
    assert r.modality == "ct_head"
    for f in r.findings:
        for s in (f.span, f.clause, f.sentence):
            assert CT_HEAD[s.start:s.end] == s.text
        for a in (f.laterality, f.severity, f.change, f.body_part):
            if a is not None:
                assert CT_HEAD[a.span.start:a.span.end] == a.span.text
    by_head = {f.head: f for f in r.findings if f.positive}
    hem, shift, edema = by_head["hemorrhage"], by_head["midline shift"], by_head["edema"]
    assert hem.laterality.value == "right" and [s.mm for s in hem.sizes] == [(21.0, 14.0)]
    assert hem.body_part.value == "thalamus" and hem.acute
    assert shift.laterality.value == "left" and [s.mm for s in shift.sizes] == [(3.0,)]
    assert edema.severity.value == "moderate" and edema.change.value == "increased"
    assert sum(f.kind == "normal" for f in r.findings) == 2


def test_normal_negated_and_uncertain_statements():
    r = read_findings(NORMAL_CXR)
    assert [f.kind for f in r.findings] == ["normal", "normal", "negated", "negated"]
    assert r.positives() == []
    u = read_findings("Patchy opacity in the right lower lobe may represent pneumonia.")
    assert {f.kind for f in u.findings} == {"positive", "uncertain"}


def test_a_finding_the_lexicon_does_not_know_still_counts():
    r = read_findings("Tracheal deviation toward the left. The lungs are clear.")
    pos = r.positives()
    assert len(pos) == 1 and not pos[0].known and "tracheal deviation" in pos[0].head
    assert pos[0].laterality.value == "left"


@pytest.mark.parametrize("findings,head,words", CXR_PATTERNS)
def test_chest_xray_patterns_are_never_called_normal(findings, head, words):
    assert head in {f.head for f in read_findings(findings).positives()}
    items, warnings, result = repair_items(findings, ["No acute cardiopulmonary abnormality."])
    assert not result.ok and warnings
    assert items[-1] == "Otherwise, no acute cardiopulmonary abnormality."
    assert any(words in it.lower() for it in items[:-1])
    # the repaired impression passes its own check
    assert check_items(read_findings(findings), items).ok


def test_cta_keeps_the_emboli_and_the_otherwise_only_after_them():
    draft = ["No pleural effusion.", "Otherwise, no acute cardiopulmonary abnormality."]
    items, warnings, _ = repair_items(CTA, draft)
    assert "pulmonary emboli" in items[0] and "left lower lobe" in items[0]
    assert items[-1].startswith("Otherwise, no acute")
    assert any("pulmonary embolism" in w for w in warnings)
    # an impression that negates the emboli loses that item
    items, warnings, _ = repair_items(CTA, ["No pulmonary embolism."])
    assert "No pulmonary embolism." not in items and any("negates pulmonary embolism" in w for w in warnings)
    # one that names them with their side passes untouched
    ok = ["Acute left lower lobe segmental pulmonary emboli.", "No acute aortic abnormality."]
    assert repair_items(CTA, ok)[0] == ok


def test_ct_head_rejects_numbers_sides_and_severities_not_given_to_that_finding():
    draft = ["2.1 x 1.4 cm right midline shift.", "Intraparenchymal hemorrhage.", "Mild edema."]
    result = check_items(read_findings(CT_HEAD), draft)
    problems = [c.problems for c in result.items]
    assert any("2.1 x 1.4 cm" in p for p in problems[0]) and any("side 'right'" in p for p in problems[0])
    assert any("without its side" in p for p in problems[1])
    assert any("severity 'Mild'" in p for p in problems[2])
    items, warnings, _ = repair_items(CT_HEAD, draft)
    assert len(warnings) == 3
    assert any("2.1 x 1.4 cm acute hemorrhage in the right thalamus" in it for it in items)
    assert any(it.startswith("Moderate surrounding edema, increased") for it in items)
    assert not any(it in draft for it in items)
    # faithful wording passes
    good = ["Acute right thalamic hemorrhage measuring 2.1 x 1.4 cm with 3 mm leftward midline shift.",
            "Moderate surrounding edema, increased."]
    assert check_items(read_findings(CT_HEAD), good).ok


@pytest.mark.parametrize("item,what", [
    ("Small left pleural effusion measuring 4 cm.", "size 4 cm"),
    ("Small right pleural effusion.", "side 'right'"),
    ("Large left pleural effusion.", "severity 'Large'"),
    ("New small left pleural effusion.", "change 'New'"),
])
def test_invented_attributes_are_rejected(item, what):
    findings = "Small left pleural effusion, unchanged. Heart size is normal."
    c = check_items(read_findings(findings), [item]).items[0]
    assert not c.ok and any(p.startswith(what) for p in c.problems)


@pytest.mark.parametrize("findings,impression,modality", [
    ("Ultrasound of the right upper quadrant. Multiple gallstones within the gallbladder. The common bile duct "
     "measures 4 mm. The liver has normal echotexture.", ["No acute sonographic abnormality."], "abdomen_us"),
    ("CT abdomen and pelvis with contrast. Dilated loops of small bowel with a transition point in the right lower "
     "quadrant. Small volume free air beneath the diaphragm. The liver and spleen are unremarkable.",
     ["Small bowel obstruction."], "abdomen_ct"),
    ("MRI of the brain. Restricted diffusion in the left frontal lobe consistent with acute infarct. No abnormal "
     "enhancement.", ["No acute abnormality."], "mri"),
])
def test_other_modalities(findings, impression, modality):
    r = read_findings(findings)
    assert r.modality == modality == detect_modality(findings)
    items, _, _ = repair_items(r, impression)
    assert check_items(r, items).ok and items != impression


def test_normal_study_is_left_alone_and_extractive_impressions():
    assert repair_items(NORMAL_CXR, ["No acute cardiopulmonary abnormality."])[0] == [
        "No acute cardiopulmonary abnormality."]
    assert extractive_impression(NORMAL_CXR) == ["No acute cardiopulmonary abnormality."]
    ext = extractive_impression(CT_HEAD)
    assert ext[-1] == "Otherwise, no acute intracranial abnormality." and "hemorrhage" in ext[0]
    # "Otherwise" with nothing before it loses the word
    assert repair_items(NORMAL_CXR, ["Otherwise, no acute cardiopulmonary abnormality."])[0] == [
        "No acute cardiopulmonary abnormality."]


def test_incidental_findings_are_a_configurable_list():
    findings = "Calcified granuloma in the left upper lobe. The lungs are otherwise clear."
    assert "granuloma" in repair_items(findings, ["No acute cardiopulmonary abnormality."])[0][0].lower()
    items, warnings, _ = repair_items(findings, ["No acute cardiopulmonary abnormality."], incidental=("granuloma",))
    assert items == ["No acute cardiopulmonary abnormality."] and warnings == []


def test_summarizer_applies_the_check(tiny_models):
    from clinqa.summarize import Summarizer, SummarizerConfig

    s = Summarizer(SummarizerConfig(model=str(tiny_models["llama"]), max_new_tokens=6))
    out = s.summarize(CT_HEAD)
    assert "hemorrhage" in out.text and "right thalamus" in out.text and out.draft is not None
    assert any(w.startswith("fidelity check") for w in out.warnings)
    r = read_findings(CT_HEAD)
    from clinqa.summarize.postprocess import impression_items

    assert check_items(r, impression_items(out.text)).missing == ()


def test_lexicon_errors_name_the_file_and_line(tmp_path):
    bad = tmp_path / "site.yaml"
    bad.write_text("findings:\n  - head: thing\n    term: [x]\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"site.yaml \(line 2\)"):
        radiology_lexicon((str(bad),))
    bad.write_text("findings:\n\t- head: thing\n", encoding="utf-8")  # a YAML syntax error, not a traceback
    with pytest.raises(LexiconError, match=r"site.yaml \(line 2\): not valid YAML: found character '\\t'"):
        radiology_lexicon((str(bad),))
    site = tmp_path / "site2.yaml"
    site.write_text("findings:\n  - head: tracheal deviation\n    terms: [tracheal deviation, tracheal shift]\n"
                    "incidental: [granuloma]\n", encoding="utf-8")
    lex = radiology_lexicon((str(site),))
    assert lex.finding("tracheal deviation").terms == ("tracheal deviation", "tracheal shift")
    assert lex.incidental == ("granuloma",) and radiology_lexicon().incidental == ()
    r = read_findings("Tracheal shift to the right.", lexicon=lex)
    assert r.positives()[0].known and r.positives()[0].head == "tracheal deviation"


def test_radiology_questionnaire_asks_what_a_ct_reader_asks():
    from clinqa.questionnaire import load_questionnaire

    ids = {c.id: c for c in load_questionnaire("radiology-report").concepts}
    for cid in ("pulmonary_embolism", "hemorrhage", "fracture", "mass_lesion", "lymphadenopathy", "free_air",
                "obstruction"):
        assert ids[cid].answer_type == "yes_no"
    assert ids["mass_size"].answer_type == "number"


def test_negation_stops_at_a_sentence_the_splitter_missed():
    findings = "No pneumothorax or sizable effusion. 8 mm nodule projects over the right 4th anterior rib."
    pos = read_findings(findings).positives()
    assert [f.head for f in pos] == ["nodule"] and pos[0].sizes[0].mm == (8.0,)
    assert pos[0].laterality.value == "right"
    items, _, _ = repair_items(findings, ["No acute cardiopulmonary abnormality."])
    assert items[0].startswith("8 mm nodule")


def test_a_severity_must_be_the_findings_own_word_not_a_neighbour_of_its_class():
    # the lexicon puts "small" and "mild" in one class; an impression may not swap them
    findings = "The heart is mildly enlarged. The lungs are clear."
    assert not check_items(read_findings(findings), ["Small cardiomegaly."]).ok
    # the same word family passes ("mildly" -> "mild")
    assert check_items(read_findings(findings), ["Mild cardiomegaly."]).ok


def test_an_item_may_not_assert_what_the_findings_negate_or_never_state():
    findings = "Lungs are overexpanded with flat hemidiaphragms. No features of pulmonary edema. Heart size normal."
    c = check_items(read_findings(findings), ["Mild pulmonary edema."]).items[0]
    assert not c.ok and any("which the findings negate" in p for p in c.problems)
    c = check_items(read_findings("Normal mediastinal contour, stable. Lungs are clear."), ["Stable cardiomegaly."]).items[0]
    assert not c.ok and any("do not state" in p for p in c.problems)
    items, warnings, _ = repair_items(findings, ["Mild pulmonary edema."])
    assert not any("edema" in it.lower() and "no " not in it.lower() for it in items) and warnings


def test_a_looping_item_says_its_sentence_once_and_no_item_is_said_twice():
    findings = "Mild degenerative spurring of the thoracic spine. Lungs are clear."
    loop = "Mild degenerative spurring. " * 9 + "Mild degen"
    items, warnings, _ = repair_items(findings, [loop])
    assert sum(it.lower().count("spurring") for it in items) == 1 and any("repeated" in w for w in warnings)
    # an item the added findings sentence holds whole is replaced by it, not kept beside it
    findings = "Coarse reticular markings at both bases, compatible with fibrosis. Heart size is normal."
    items, _, _ = repair_items(findings, ["Coarse reticular markings."])
    assert items == ["Coarse reticular markings at both bases, compatible with fibrosis."]


def test_a_normal_statement_is_in_the_studys_own_words():
    findings = "CT head without contrast. No intracranial bleed. Ventricles are normal in size. Calvarium is intact."
    items, warnings, _ = repair_items(findings, ["No acute cardiopulmonary abnormality."])
    assert items == ["No acute intracranial abnormality."] and warnings


def test_one_head_at_two_places_needs_both_and_each_keeps_its_own_side():
    knee = ("MRI of the knee. The anterior cruciate ligament is torn completely. Horizontal tear through the body of "
            "the medial meniscus. Small effusion.")
    items, _, result = repair_items(knee, ["Complete anterior cruciate ligament tear.", "Small effusion."])
    assert any("meniscus" in it for it in items)
    assert any("meniscus" in f.sentence.text for f in result.missing)
    chest = ("Patchy opacity at the left base, probably atelectasis. Dense opacity in the right upper lobe with air "
             "bronchograms, concerning for pneumonia. No effusion.")
    c = check_items(read_findings(chest), ["Left upper lobe opacity with air bronchograms, concerning for pneumonia."])
    assert not c.ok and any("side" in p for p in c.items[0].problems)


def test_a_body_part_from_another_finding_is_rejected():
    findings = "A 1.8 cm rounded opacity projects over the right upper lobe. Degenerative change of the left shoulder."
    c = check_items(read_findings(findings), ["Left shoulder 1.8 cm rounded opacity."]).items[0]
    assert not c.ok


def test_gallstones_do_not_stand_for_cholecystitis():
    findings = ("Gallbladder distended with several stones and a thick wall of 6 mm. Positive sonographic Murphy sign. "
                "Liver unremarkable.")
    items, _, _ = repair_items(findings, ["Cholelithiasis."])
    assert any("murphy" in it.lower() for it in items)


def test_a_side_given_by_an_organ_label_and_a_level_given_by_a_spine_label_are_checked():
    kidneys = ("RIGHT KIDNEY: 10.6 cm, normal corticomedullary differentiation.\n"
               "LEFT KIDNEY: 11.9 cm. Simple cyst of 2.4 cm at the interpolar region. No stones.")
    r = read_findings(kidneys)
    cyst = [f for f in r.findings if f.positive and "cyst" in f.span.text][0]
    assert cyst.laterality.value == "left" and cyst.heading.text == "LEFT KIDNEY"
    # the model's juxtaposition makes a right-sided cyst: rejected, the side is missing
    assert not check_items(r, ["Right kidney 10.6 cm. 2.4 cm simple cyst at the interpolar region."]).ok
    assert check_items(r, ["2.4 cm simple cyst of the left kidney."]).ok
    spine = ("L2-3: Unremarkable.\nL3-4: Small broad-based disc bulge without stenosis.\n"
             "L4-5: Moderate disc protrusion with moderate canal stenosis.")
    r = read_findings(spine)
    c = check_items(r, ["L2-L3: Small disc bulge.", "Moderate canal stenosis at L4-5."])
    assert not c.items[0].ok and any("level L2-L3" in p for p in c.items[0].problems)
    assert c.items[1].ok


def test_a_size_ties_an_item_to_its_own_finding_and_that_findings_side():
    findings = ("Right ovary 3.1 x 2.2 x 1.9 cm with a 2.4 cm dominant follicle. Left ovary 3.4 x 2.6 x 2.1 cm "
                "containing a 4.2 cm complex cyst with internal septations.")
    c = check_items(read_findings(findings), ["Right 4.2 cm complex cyst with septations."])
    assert not c.ok


def test_a_side_from_the_lines_opening_words_and_a_normal_organs_size_are_checked():
    findings = ("Right ovary measures 2.9 x 1.8 x 1.6 cm and is unremarkable.\n"
                "Left ovary measures 3.8 x 2.9 x 2.4 cm. A 2.6 cm hemorrhagic cyst with lacy internal echoes.")
    r = read_findings(findings)
    cyst = [f for f in r.findings if f.positive and "cyst" in f.span.text][0]
    assert cyst.laterality.value == "left"
    assert not check_items(r, ["Right ovary. 2.6 cm hemorrhagic cyst."]).ok
    # the right ovary given the left one's third dimension
    c = check_items(r, ["Right ovary measures 2.9 x 1.8 x 2.4 cm and is unremarkable."])
    assert not c.ok
    assert check_items(r, ["Right ovary measures 2.9 x 1.8 x 1.6 cm and is unremarkable."]).items[0].ok


def test_british_spellings_are_the_same_findings():
    r = read_findings("Small right subdural haematoma with surrounding oedema. No intraventricular haemorrhage.")
    heads = {(f.head, f.kind) for f in r.findings}
    assert ("hemorrhage", "positive") in heads and ("hemorrhage", "negated") in heads
    assert any(f.head == "edema" and f.positive for f in r.findings)
    # an impression in American spelling names the British-spelled finding
    assert check_items(r, ["Small right subdural hematoma with surrounding edema."]).ok
