"""Which finding a phrase belongs to: a negation of an earlier study, a finding named only as the
place of another, a measurement and its hedge, two findings joined into one impression item, an
item without its spinal level, and a study whose modality is not recognised. Every report here
was written for these tests."""

from __future__ import annotations

import pytest

from clinqa.summarize.fidelity import check_items, extractive_impression, repair_items
from clinqa.summarize.findings import detect_modality, read_findings


def _positives(text: str) -> dict[str, object]:
    return {f.head: f for f in read_findings(text).findings if f.positive}


@pytest.mark.parametrize("text", [
    "A 7 mm nodule in the left lower lobe, not seen on the previous examination.",
    "7 mm left lower lobe nodule, not present on prior.",
    "There is a 7 mm nodule in the left lower lobe which was not previously seen.",
])
def test_a_negated_earlier_study_makes_a_new_finding_not_a_negated_one(text):
    nodule = _positives(text).get("nodule")
    assert nodule is not None and nodule.laterality.value == "left"
    assert any("7 mm" in item for item in extractive_impression(text))


@pytest.mark.parametrize("text", ["Pneumothorax is not present.", "Pleural effusions are not visualized.",
                                  "The fracture line is not seen."])
def test_a_finding_that_is_not_present_stays_negated(text):
    assert not _positives(text)
    assert extractive_impression(text) == ["No acute cardiopulmonary abnormality."] or not any(
        f.positive for f in read_findings(text).findings)


def test_a_finding_named_as_the_place_of_another_is_not_that_finding():
    findings = ("PERIPHERAL ZONE: 1.1 cm lesion in the right posteromedial peripheral zone at the base.\n"
                "CAPSULE: Irregular contour next to the right-sided lesion, concerning for capsular breach.\n"
                "SEMINAL VESICLES: Normal.")
    heads = [f.head for f in read_findings(findings).findings if f.positive]
    assert heads.count("lesion") == 1 and "irregular contour" in heads
    items, warnings, _ = repair_items(findings, ["1.1 cm right peripheral zone lesion at the base."])
    assert any("capsular breach" in it for it in items) and warnings


def test_a_line_label_or_a_measurement_is_not_a_head():
    r = read_findings("TRANSITION ZONE: Benign prostatic hyperplasia.\nBoth kidneys normal; the left measures "
                      "11.0 cm and the right 10.6 cm.")
    heads = [f.head for f in r.findings if f.positive]
    assert heads == ["benign prostatic hyperplasia"]


def test_a_size_belongs_to_what_is_measured_not_to_what_it_is_suspicious_for():
    text = "Expansile lesion of the left iliac bone, 1.4 cm, concerning for metastasis."
    r = read_findings(text)
    sized = [f for f in r.findings if f.sizes]
    assert len(sized) == 1 and sized[0].kind == "positive" and sized[0].sizes[0].mm == (14.0,)
    report = ("Spiculated 2.9 cm mass in the right upper lobe. " + text)
    result = check_items(read_findings(report), ["Spiculated 2.9 cm right upper lobe mass. 1.4 cm, suspicious for "
                                                 "metastasis."])
    assert not result.items[0].ok


PE = ("A saddle thrombus sits across the bifurcation of the pulmonary trunk. Smaller emboli occupy the left lower "
      "lobe subsegmental arteries. Small left pleural effusion.")


def test_two_findings_joined_into_one_item_are_rejected_and_both_restored():
    items, warnings, result = repair_items(PE, ["Saddle thrombus in the left lower lobe subsegmental arteries.",
                                                "Small left pleural effusion."])
    assert not result.items[0].ok and any("joins" in p for p in result.items[0].problems)
    assert result.items[1].ok
    assert any("bifurcation of the pulmonary trunk" in it for it in items)
    assert any("subsegmental arteries" in it and "saddle" not in it.lower() for it in items)


def test_one_item_naming_two_findings_in_their_own_words_passes():
    result = check_items(read_findings(PE), ["Small left pleural effusion with left lower lobe subsegmental emboli."])
    assert result.items[0].ok, result.items[0].problems


def test_naming_one_finding_does_not_account_for_another_that_shares_a_word():
    findings = ("Fluid-distended small bowel loops measure up to 3.5 cm, with a transition in the left lower "
                "quadrant. Trace free fluid in the pelvis.")
    items, warnings, _ = repair_items(findings, ["Fluid-distended small bowel loops up to 3.5 cm with a transition "
                                                 "in the left lower quadrant."])
    assert any("free fluid" in it.lower() for it in items), items


def test_an_item_without_the_spinal_level_the_findings_give_is_replaced():
    findings = ("L2-3: Small disc bulge. No stenosis.\nL4-5: Facet arthropathy with moderate central canal "
                "stenosis.\nL5-S1: Normal.")
    items, warnings, result = repair_items(findings, ["Moderate central canal stenosis."])
    assert not result.items[0].ok and any("level" in p for p in result.items[0].problems)
    assert any(it.startswith("L4-5") for it in items), items


def test_an_unrecognised_study_gets_no_body_region_in_its_normal_statement():
    text = "Small simple cyst in the upper pole, 8 mm."
    assert detect_modality(text) is None
    assert extractive_impression(text)[-1] == "Otherwise, no acute abnormality."
    items, warnings, _ = repair_items(text, ["8 mm simple cyst in the upper pole.",
                                             "No acute cardiopulmonary abnormality."])
    assert items[-1] == "Otherwise, no acute abnormality." and warnings


def test_a_duplex_study_reads_as_ultrasound():
    text = ("Right ICA: PSV 260 cm/s and EDV 95 cm/s, in keeping with a 70-99% stenosis. Left ICA: PSV 90 cm/s, "
            "no significant stenosis.")
    assert detect_modality(text) == "abdomen_us"
    assert extractive_impression(text)[-1] == "Otherwise, no acute sonographic abnormality."


LUNG = ("Lobulated 2.6 x 2.1 cm mass in the left lower lobe. Enlarged left hilar node, 1.4 cm in short axis. "
        "Hepatic segment VI: 1.1 cm low-attenuation lesion, probably a cyst.")


def test_a_numbering_loop_is_dropped_and_bare_measurements_are_rejected():
    items, warnings, result = repair_items(LUNG, ["Enlarged left hilar node, 1.4 cm. 2.6 cm. 3.9 cm. 1.4 cm.",
                                                  "3.", "5. 7."])
    assert any("state nothing" in w for w in warnings)
    bad = result.items[0]
    assert not bad.ok and any("3.9" in p for p in bad.problems) and any("measures nothing" in p for p in bad.problems)
    assert not any("3.9" in it for it in items)
    assert all(any(c.isalpha() for c in it) for it in items)
    assert any(it.startswith("Lobulated 2.6 x 2.1 cm mass") for it in items)


def test_an_item_of_two_findings_becomes_two_items():
    items, warnings, result = repair_items(LUNG, ["Lobulated 2.6 x 2.1 cm left lower lobe mass. Enlarged left hilar "
                                                  "node, 1.4 cm in short axis.", "1.1 cm probable cyst in hepatic "
                                                  "segment VI."])
    assert items[0] == "Lobulated 2.6 x 2.1 cm left lower lobe mass."
    assert items[1] == "Enlarged left hilar node, 1.4 cm in short axis."


def test_a_label_covers_its_own_line_and_not_the_next_label_on_it():
    text = ("Right lobe: 4.8 x 1.7 x 1.6 cm. Left lobe: 4.2 x 1.4 x 1.5 cm. Isthmus 4 mm.\n"
            "Nodule A: left lobe lower pole, solid, hypoechoic, 1.3 cm.")
    items = extractive_impression(text)
    assert not any("Right lobe: left lobe" in it for it in items)
    assert not any(it.lower().startswith("right lobe: isthmus") for it in items)
    r = read_findings(text)
    by_size = {s.span.text: f for f in r.findings for s in f.sizes}
    if "4.2 x 1.4 x 1.5 cm" in by_size:
        f = by_size["4.2 x 1.4 x 1.5 cm"]
        assert f.laterality is None or f.laterality.value == "left"


def test_a_general_line_after_the_last_level_is_not_that_level():
    text = ("C4-5: Disc osteophyte complex with moderate canal stenosis.\nC6-7: Normal.\n"
            "Alignment preserved. Multilevel facet arthropathy.")
    items = extractive_impression(text)
    assert not any(it.startswith("C6-7") for it in items), items
    assert any(it.startswith("C4-5") for it in items)


def test_a_label_alone_on_its_line_heads_the_lines_below():
    text = "LEFT KIDNEY:\n1.9 cm simple cortical cyst at the upper pole.\n\nRIGHT KIDNEY:\nNormal."
    cyst = [f for f in read_findings(text).findings if f.positive]
    assert cyst and cyst[0].laterality is not None and cyst[0].laterality.value == "left"


def test_a_header_line_is_not_a_finding_and_numbered_places_are_each_kept():
    text = ("Liver: Index lesions:\n- Segment 5 lesion 2.8 cm (previously 3.4 cm).\n"
            "- Segment 3 lesion 1.2 cm (previously 1.9 cm).\nNo new hepatic lesion.")
    assert not any(f.clause.text.endswith(":") for f in read_findings(text).findings)
    items, warnings, _ = repair_items(text, ["Liver: segment 5 lesion 2.8 cm (previously 3.4 cm)."])
    assert any("Liver: segment 3 lesion 1.2 cm" in it for it in items), items


def test_an_item_that_drops_which_ribs_does_not_stand_for_them():
    text = "Acute fractures of left ribs 7, 8 and 9 laterally. Small left pneumothorax."
    items, warnings, _ = repair_items(text, ["Acute left rib fracture.", "Small left pneumothorax."])
    assert any("7, 8 and 9" in it for it in items), items


def test_a_heading_alone_is_not_an_item():
    items, warnings, _ = repair_items("Liver: Index lesions:\n- Segment 5 lesion 2.8 cm.",
                                      ["Liver: Index lesions:.", "Segment 5 lesion 2.8 cm."])
    # the lesion keeps the organ its label gives ("segment 5" alone is no organ's)
    assert items == ["Liver: segment 5 lesion 2.8 cm."] and any("state nothing" in w for w in warnings)


FOLLOW_UP = ("Interval clearing of the previously noted right middle lobe airspace opacity. The small right "
             "effusion seen before has resolved. Heart size is normal. No pneumothorax.")


def test_a_resolved_finding_is_reported_as_resolved_not_as_present_or_left_out():
    r = read_findings(FOLLOW_UP)
    resolved = [f for f in r.findings if f.kind == "resolved"]
    assert {f.head for f in resolved} >= {"pleural effusion"}
    assert not any(f.positive for f in r.findings)
    items = extractive_impression(FOLLOW_UP)
    assert any("has resolved" in it for it in items), items
    # an item that says the effusion is still there is rejected; one that reports the resolution passes
    result = check_items(r, ["Small right pleural effusion.", "Resolution of the small right effusion."])
    assert not result.items[0].ok and result.items[1].ok, [c.problems for c in result.items]


def test_a_structure_stated_as_not_abnormal_is_negated():
    text = "The right ventricle is not dilated. The main pulmonary artery is not enlarged."
    assert not any(f.positive for f in read_findings(text).findings)


@pytest.mark.parametrize("text", ["Partially resolved left lower lobe consolidation.",
                                  "Partial resolution of the right pleural effusion.",
                                  "The right pleural effusion is resolving.",
                                  "The left lower lobe consolidation has not resolved."])
def test_a_partly_resolved_finding_is_still_there(text):
    r = read_findings(text)
    assert any(f.positive for f in r.findings) and not any(f.kind == "resolved" for f in r.findings)


def test_a_number_keeps_its_unit():
    text = "Prostate volume 52 mL (5.2 x 4.1 x 4.8 cm). 1.4 cm lesion in the right peripheral zone, PI-RADS 4."
    result = check_items(read_findings(text), ["Prostate volume 5.2 mL.", "Prostate volume 52 mL.",
                                               "1.4 cm right peripheral zone lesion (PI-RADS 4).",
                                               "Prostate measures 52 x 41 x 48 mm."])
    assert [c.ok for c in result.items] == [False, True, True, True], [c.problems for c in result.items]


STONES = ("A 5 mm stone sits at the left vesicoureteric junction with mild left hydronephrosis. Two non-obstructing "
          "calculi in the right kidney, 2 mm and 6 mm. A 2.2 cm simple cyst in the right kidney. Small bowel normal.")


def test_one_size_for_several_things_is_rejected_and_a_number_must_measure_something():
    result = check_items(read_findings(STONES), ["6 mm calculi in the right kidney.", "2.2 cm small bowel.",
                                                 "5 mm left vesicoureteric junction stone with mild left "
                                                 "hydronephrosis."])
    assert [c.ok for c in result.items] == [False, False, True], [c.problems for c in result.items]


def test_a_size_now_is_enough_without_the_size_before():
    text = "Right upper lobe nodule measures 9 mm, previously 6 mm."
    assert check_items(read_findings(text), ["9 mm right upper lobe nodule."]).items[0].ok


def test_a_negation_stops_at_though():
    text = "No right hilar or mediastinal adenopathy, though the left hilar node is enlarged at 1.7 cm short axis."
    assert any(f.positive and f.laterality and f.laterality.value == "left" for f in read_findings(text).findings)


KUB = ("R kidney: 4 mm non-obstructing upper pole calculus. No hydronephrosis.\n"
       "L kidney: moderate hydronephrosis to a 7 mm calculus at the left VUJ.\nBladder: unremarkable.")


def test_a_capital_letter_gives_a_side_and_a_denial_without_its_side_is_rejected():
    r = read_findings(KUB)
    sides = {(f.head, f.laterality.value) for f in r.findings if f.positive and f.laterality}
    assert ("hydronephrosis", "left") in sides and ("kidney stone", "right") in sides
    result = check_items(r, ["4 mm non-obstructing upper pole calculus.", "No hydronephrosis.",
                             "Right kidney: no hydronephrosis."])
    assert [c.ok for c in result.items] == [False, False, True], [c.problems for c in result.items]
    assert read_findings("2 L of ascites in the pelvis.").findings[0].laterality is None


def test_a_score_line_keeps_the_label_of_what_it_scores():
    text = "Nodule 1: left upper pole, 1.9 cm, solid, hypoechoic. ACR TI-RADS TR4.\nNodule 2: right mid pole, 5 mm, spongiform. TR1."
    items = extractive_impression(text)
    assert any(it.startswith("Nodule 1: ") and "TR4" in it for it in items), items


def test_thrombosed_veins_are_not_a_normal_statement():
    text = ("Common femoral vein: compressible, normal flow.\nPeroneal veins: non-compressible, thrombosed.\n"
            "Great saphenous vein: patent.")
    r = read_findings(text)
    assert any(f.positive and f.head == "thrombosis" for f in r.findings)
    assert not extractive_impression(text)[-1].startswith("No acute")


@pytest.mark.parametrize("text", ["Spleen: no focal lesion.", "Pleura: no effusion.", "Pneumothorax: no."])
def test_a_template_negation_after_a_colon_negates_what_it_names(text):
    assert not any(f.positive for f in read_findings(text).findings)


def test_an_abbreviation_does_not_end_the_sentence_with_its_size():
    items = extractive_impression("Left hilar mass approx. 3.9 x 3.2 cm. Right lung clear.")
    assert any("approx. 3.9 x 3.2 cm" in it for it in items), items


def test_a_negation_in_brackets_stays_in_them():
    text = ("Filling defects in both main pulmonary arteries extending into the lobar branches (saddle configuration "
            "not present). Small right pleural effusion.")
    assert any(f.positive and f.head == "pulmonary embolism" for f in read_findings(text).findings)


def test_a_label_with_a_place_in_brackets_keeps_its_score_line():
    text = "Nodule 1 (right upper pole): 1.7 cm, solid, hypoechoic. TI-RADS 4 (TR4).\nNodule 2 (left mid): 5 mm, TR1."
    assert any(it.startswith("Nodule 1 (right upper pole): ") and "TR4" in it for it in extractive_impression(text))


def test_a_normal_statement_with_a_grade_is_rejected():
    text = "Mild blunting of the left costophrenic angle. Right lung clear."
    result = check_items(read_findings(text), ["Mild blunting of the left costophrenic angle.", "Mild right lung clear."])
    assert [c.ok for c in result.items] == [True, False], [c.problems for c in result.items]


HEAD_CT = ("Acute left subdural haematoma, 9 mm thick, with 4 mm rightward midline shift. 2.2 cm extra-axial mass "
           "over the right frontal convexity with a broad dural base and a dural tail. Previously enhancing lesion in "
           "the left centrum semiovale no longer enhances and is smaller, now 6 mm (previously 11 mm).")


def test_a_stutter_a_fragment_a_dropped_change_and_an_unsupported_word_are_rejected():
    items, warnings, result = repair_items(HEAD_CT, [
        "Acute left subdural haematoma with 4 mm rightward midline shift.",
        "2.2 cm, with a broad dural base and a dural tail.",
        "Left centrum semiovale lesion.",
        "Right frontal meningioma with a broad dural base.",
        "No acute acute disease."])
    ok = [c.ok for c in result.items]
    assert ok[:4] == [True, False, False, False], [c.problems for c in result.items]
    assert any("meningioma" in p for p in result.items[3].problems)
    assert "No acute acute disease." not in items and any("repeated a word" in w for w in warnings)
    assert not any(it.startswith("2.2 cm,") for it in items)


def test_an_inline_label_without_a_side_does_not_take_the_next_finding():
    text = ("Lungs: minor dependent atelectasis at both bases. Small sliding hiatal hernia.\n"
            "Nodule 1: left upper pole, 1.9 cm, solid. ACR TI-RADS TR4.\n"
            "LEFT KIDNEY: 11.6 cm. Simple cyst of 1.8 cm at the interpolar region.")
    items = extractive_impression(text)
    assert not any(it.lower().startswith("lungs: small") for it in items), items
    assert any(it.startswith("Nodule 1: ") and "TR4" in it for it in items), items
    cyst = [f for f in read_findings(text).findings if f.positive and "cyst" in f.span.text][0]
    assert cyst.laterality is not None and cyst.laterality.value == "left"


def test_a_side_alone_does_not_take_a_sentence_from_its_level():
    text = ("L3-4: Small disc bulge. No canal or foraminal stenosis.\n"
            "L4-5: Disc extrusion with moderate canal stenosis. Mild bilateral foraminal narrowing.\n"
            "L5-S1: Mild left foraminal narrowing.")
    r = read_findings(text)
    f = [x for x in r.findings if x.positive and x.clause.text.startswith("Mild bilateral")][0]
    assert f.heading is not None and f.heading.text == "L4-5"
    assert not check_items(r, ["Mild bilateral foraminal narrowing."]).items[0].ok


def test_a_negation_must_be_the_findings_own_with_its_place():
    text = ("Acute subarachnoid haemorrhage in the right sylvian fissure.\n"
            "Liver: homogeneous. No focal lesion.\nPancreas: obscured by bowel gas.")
    result = check_items(read_findings(text), ["No acute pneumonia.", "No focal lesion.", "Liver: no focal lesion.",
                                               "No pneumothorax or effusion."])
    assert [c.ok for c in result.items][:3] == [False, False, True], [c.problems for c in result.items]


def test_a_normal_statement_is_not_inside_a_finding_nor_about_an_abnormal_organ():
    text = ("Large left pneumothorax with 3 cm apical rim. Right lung clear.\n"
            "Left testis: 4.1 x 2.3 cm, with diffusely increased vascularity. Right testis: normal.")
    items, warnings, result = repair_items(text, ["Large left pneumothorax. No acute cardiopulmonary abnormality.",
                                                  "Otherwise, left testis is normal.", "Right testis is normal."])
    assert items[0].startswith("Large left pneumothorax") and "No acute" not in items[0]
    assert any(it == "Otherwise, no acute cardiopulmonary abnormality." for it in items)
    by_text = {c.text: c for c in result.items}
    assert not by_text["Otherwise, left testis is normal."].ok
    assert by_text["Right testis is normal."].ok


def test_a_finding_not_on_a_study_from_years_ago_is_new_and_a_made_up_word_is_rejected():
    text = "A 1.9 cm rounded opacity in the right upper zone, not present on the radiograph from 3 years ago."
    assert any(f.positive for f in read_findings(text).findings)
    assert not extractive_impression(text)[0].startswith("No acute")
    liver = "New 2.1 cm segment VI observation with arterial phase hyperenhancement and washout (LI-RADS 5)."
    result = check_items(read_findings(liver), ["New 2.1 cm segment VI observation with arterial phase "
                                                "hyperechogenicity and washout."])
    assert not result.items[0].ok, result.items[0].problems
