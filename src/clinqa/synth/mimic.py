"""MIMIC-III's lab-dump labels ("[**2150-1-2**] 06:10AM BLOOD WBC-7.5 ... UreaN-25* Creat-1.4*"),
by the lexicon's canonical lab name.

A format detail of one export, not names clinicians write: the lab names themselves are the
lexicon's (`clinqa.lexicon`). `clinqa synth notes` writes its dumps with these labels and
`clinqa synth qa` reads them, as written, besides the lexicon's names. Some are never a lab name
in prose ("Mg" is also milligrams, "%HbA1c" no word at all), which is why they stay here.
"""

from __future__ import annotations

MIMIC_LAB_LABELS: dict[str, str] = {
    "creatinine": "Creat", "hemoglobin": "Hgb", "hematocrit": "Hct", "white blood cell count": "WBC",
    "platelets": "Plt Ct", "sodium": "Na", "potassium": "K", "chloride": "Cl", "bicarbonate": "HCO3",
    "glucose": "Glucose", "bun": "UreaN", "troponin": "cTropnT", "bnp": "proBNP", "inr": "INR(PT)",
    "lactate": "Lactate", "hba1c": "%HbA1c", "tsh": "TSH", "alt": "ALT", "ast": "AST", "albumin": "Albumin",
    "magnesium": "Mg", "calcium": "Calcium", "phosphate": "Phos", "lipase": "Lipase", "anion gap": "AnGap",
    "alkaline phosphatase": "AlkPhos", "bilirubin": "TotBili",
}
