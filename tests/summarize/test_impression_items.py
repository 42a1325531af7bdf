"""What an impression item must keep of the findings it copies: the structure a labelled line
names, the interpretation at the end of its sentence, and its own bullet line; and what the
impression as a whole must do: say a fragment once, and put urgent findings first. Every report
here was written for these tests."""

from __future__ import annotations

import pytest

from clinqa.summarize.fidelity import check_items, extractive_impression, repair_items
from clinqa.summarize.findings import read_findings

KNEE = ("1. PCL: partial-thickness tear, fibers thickened and indistinct.\n"
        "2. Lateral meniscus: radial tear at the body.\n"
        "3. Small joint effusion.")


def test_an_item_without_the_structure_its_line_names_is_replaced_by_the_line():
    items, warnings, _ = repair_items(KNEE, ["Partial-thickness tear.", "Radial tear at the body.",
                                             "Small joint effusion."])
    assert not any(i.startswith(("Partial-thickness tear", "Radial tear")) for i in items)
    assert any(i.startswith("PCL: partial-thickness tear") for i in items)
    assert any(i.startswith("Lateral meniscus: radial tear") for i in items)
    assert any("without its place" in w for w in warnings)


def test_an_item_that_names_the_structure_is_kept():
    items, _, _ = repair_items(KNEE, ["Partial-thickness PCL tear.", "Lateral meniscus radial tear.",
                                      "Small joint effusion."])
    assert items[:2] == ["Partial-thickness PCL tear.", "Lateral meniscus radial tear."]


def test_a_bullet_line_is_its_own_sentence_and_its_second_sentence_stays_with_it():
    findings = ("Lungs:\n"
                "- Left lower lobe part-solid nodule now 18 mm, previously 11 mm. Lobulated margins.\n"
                "- 4 mm right middle lobe nodule, stable.\n"
                "Pleura: No effusion.")
    impression = extractive_impression(findings)
    assert not any("\n" in i for i in impression)  # the next bullet is not glued to a sentence
    margins = [i for i in impression if "Lobulated margins" in i]
    assert len(margins) == 1 and "18 mm" in margins[0]  # the margins are the growing nodule's
    assert any("4 mm right middle lobe nodule" in i and "Lobulated" not in i for i in impression)
    assert sum("18 mm" in i for i in impression) == 1  # said once


@pytest.mark.parametrize("findings, draft, interpretation", [
    ("There is effacement of the sulci and loss of cortical definition over the left parietal convexity, in keeping "
     "with an evolving acute infarct. No intracranial haemorrhage.",
     ["Effacement of the sulci and loss of cortical definition over the left parietal convexity.",
      "No intracranial haemorrhage."], "acute infarct"),
    # the start and the end of the sentence name the same finding (infarct), so the cut item
    # seems to represent both
    ("Loss of grey-white differentiation in the left insula and left frontal operculum, in keeping with early acute "
     "ischaemia. Old lacunar infarct in the right thalamus.",
     ["Loss of grey-white differentiation in the left insula and left frontal operculum.",
      "Old lacunar infarct in the right thalamus."], "ischaemia"),
])
def test_an_item_cut_before_its_interpretation_gets_the_whole_sentence(findings, draft, interpretation):
    items, _, _ = repair_items(findings, draft)
    assert any(interpretation in i for i in items)
    assert draft[0] not in items  # the cut item is not kept beside the whole sentence


def test_a_fragment_another_item_says_whole_is_dropped():
    findings = ("Gland volume 38 cc.\n"
                "Lesion A: right peripheral zone apex, 9 mm, restricted diffusion, early arterial enhancement. "
                "PI-RADS 4.")
    items, _, _ = repair_items(findings, ["Gland volume 38 cc.", "Gland volume 9 mm.", "Early arterial enhancement."])
    assert "Early arterial enhancement." not in items
    assert any("early arterial enhancement" in i and "9 mm" in i for i in items)


def test_urgent_findings_come_first():
    findings = ("Trace right pleural effusion. Mild dependent atelectasis. "
                "Filling defects in the right lower lobe segmental arteries, consistent with acute pulmonary emboli.")
    items, _, _ = repair_items(findings, ["Trace right pleural effusion.", "Mild dependent atelectasis."])
    assert "emboli" in items[0]
    assert "emboli" in extractive_impression(findings)[0]


def test_the_order_of_findings_of_the_same_urgency_is_kept():
    findings = "Small left pleural effusion. Mild bibasilar atelectasis. Stable cardiomegaly."
    report = read_findings(findings)
    assert not any(f.acute for f in report.findings if f.positive)
    assert extractive_impression(findings)[:3] == ["Small left pleural effusion.", "Mild bibasilar atelectasis.",
                                                   "Stable cardiomegaly."]


def test_an_item_that_names_only_a_place_is_dropped():
    findings = "1. PCL: intact.\n2. Medial meniscus: complex tear of the posterior horn."
    items, warnings, _ = repair_items(findings, ["Medial meniscus: complex tear of the posterior horn.", "PCL."])
    assert "PCL." not in items and any("place without a finding" in w for w in warnings)


def test_a_second_sentence_that_names_a_finding_of_its_own_is_not_glued_to_the_first():
    findings = "- Right IJ catheter tip in the SVC. Mild pulmonary vascular congestion.\n- No pneumothorax."
    impression = extractive_impression(findings)
    assert "Mild pulmonary vascular congestion." in impression


def test_two_findings_of_one_sentence_keep_their_own_sides():
    findings = ("Compared with last year there are two new findings, a 6 mm nodule in the left upper lobe, "
                "which is solid, and a 4 mm nodule in the right lower lobe. No pleural effusion.")
    # the left side of one nodule with the lobe of the other
    result = check_items(read_findings(findings), ["Nodule in the left lower lobe.",
                                                   "4 mm nodule in the right lower lobe."])
    assert [c.ok for c in result.items] == [False, True], [c.problems for c in result.items]


def test_a_denial_of_something_the_findings_never_name_is_rejected():
    findings = ("The appendix is dilated to 11 mm with periappendiceal fat stranding, consistent with acute "
                "appendicitis. The liver and spleen are unremarkable.")
    result = check_items(read_findings(findings), ["Acute appendicitis.", "No acute mesenteric adenitis.",
                                                   "No acute abdominal abnormality."])
    assert [c.ok for c in result.items] == [True, False, True], [c.problems for c in result.items]


def test_the_default_summarizer_uses_no_model_and_copies_the_findings(capsys):
    import json

    from clinqa.cli.main import main
    from clinqa.summarize import DEFAULT_MODEL, EXTRACTIVE, Summarizer

    findings = ("Mild cardiomegaly. New 2 cm opacity in the right lower lobe. No pneumothorax. "
                "Degenerative change of the thoracic spine.")
    assert DEFAULT_MODEL == EXTRACTIVE
    s = Summarizer().summarize(findings, source_id="r1")
    assert s.model == "extractive" and s.draft is None and not s.warnings
    assert s.text.splitlines()[0].startswith("1. ") and "New 2 cm opacity in the right lower lobe." in s.text
    assert "pneumothorax" not in s.text.lower().split("otherwise")[0]  # a negated finding is no item
    assert main(["summarize", "--findings", findings, "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["model"] == "extractive" and doc["impression"] == s.text


@pytest.mark.parametrize("findings, kept", [
    # a comparison some time ago, and a possible infection the lexicon names
    ("Partially occlusive thrombus in the left portal vein, not seen 3 weeks ago. "
     "Left pyelonephritis cannot be excluded, as the kidney is not assessable without contrast. Small hiatal hernia.",
     ("thrombus", "pyelonephritis")),
    # absent on the nadir study or an earlier ultrasound: new, not negated; LI-RADS's "observation"
    ("Target lesion 1, segment 7 liver lesion: 2.4 cm (nadir 1.6 cm).\n"
     "Three new nodules in the left upper lobe up to 5 mm, not present on the nadir study.\n"
     "A 1.3 cm hyperechoic observation in hepatic segment 3, not visible on the ultrasound of 5 months ago.",
     ("left upper lobe", "observation in hepatic segment 3")),
])
def test_new_and_possible_findings_are_kept(findings, kept):
    impression = extractive_impression(findings)
    for phrase in kept:
        assert any(phrase in i for i in impression), (phrase, impression)
    assert impression[-1].startswith("Otherwise")


def test_an_asserted_urgent_finding_comes_before_a_possible_one():
    findings = ("Mild bibasilar atelectasis. Pneumonia in the right lower lobe cannot be excluded. "
                "Large left pneumothorax with rightward mediastinal shift.")
    impression = extractive_impression(findings)
    assert "pneumothorax" in impression[0] and "Pneumonia" in impression[1] and "atelectasis" in impression[2]


def test_an_old_fashioned_lead_is_not_left_at_the_start_of_an_item():
    findings = ("There is noted to be a small right pleural effusion. There appears to be mild cardiomegaly. "
                "There are again seen several healed left rib fractures.")
    impression = extractive_impression(findings)
    assert "Small right pleural effusion." in impression and "Mild cardiomegaly." in impression
    assert not any(i.lower().startswith(("to be", "there")) for i in impression)


def test_review_fixes_on_reports_written_for_them():
    from clinqa.summarize import Summarizer
    from clinqa.types import SummaryPair

    # a subjectless third sentence goes with the one before it, not the whole bullet
    items = extractive_impression("- Small left effusion. Large right pneumothorax. Increased since prior.\n"
                                  "- Stable cardiomegaly.")
    assert "Small left effusion." in items and not any(i.startswith("Small left effusion. Large") for i in items)
    # a score stays after its lesion when the lesion moves up
    prostate = ("Prostate gland volume 45 cc. Right peripheral zone lesion, 12 mm, with restricted diffusion. "
                "PI-RADS 4.")
    items = extractive_impression(prostate)
    assert items.index("PI-RADS 4.") == items.index(next(i for i in items if "12 mm" in i)) + 1
    # a 5 cm nodule is not "said whole" by a 1.5 cm one
    items = extractive_impression("1.5 cm nodule in the right lower lobe.\n5 cm nodule in the right lower lobe.")
    assert any(i.startswith("5 cm") for i in items)
    # a site's incidental finding is not put back by the whole-sentence rule
    fixed, _, _ = repair_items("Mild cardiomegaly with a calcified granuloma in the left upper lobe.",
                               ["Mild cardiomegaly."], incidental=("granuloma",))
    assert fixed[0] == "Mild cardiomegaly."
    # an item with no content word is not "a place without a finding"
    r = check_items(read_findings("Small left effusion."), ["Small left effusion.", "Unchanged."])
    assert not any("place without a finding" in p for c in r.items for p in c.problems)
    # a denial naming one word of the findings and one of its own is still the model's own
    r = check_items(read_findings("Mesenteric fat stranding around the terminal ileum."),
                    ["No acute mesenteric adenitis."])
    assert not r.items[0].ok
    # the batch bar moves without a model too
    calls = []
    Summarizer().summarize_many([SummaryPair(id="a", findings="Small left effusion."),
                                 SummaryPair(id="b", findings="No effusion.")], progress=calls.append)
    assert sum(calls) == 2
