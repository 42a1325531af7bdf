"""The note the `clinqa synth qa` and `clinqa synth spans` tests read."""

from __future__ import annotations

from clinqa.types import Note

# Written for these tests (not from the generator), so the finders are checked on text they
# were not co-written with.
NOTE = Note(id="n1", text="""Admission Date: [**2150-1-2**]     Discharge Date: [**2150-1-6**]

HISTORY OF PRESENT ILLNESS:
67 y.o. M with HTN and CAD who presents with chest pain for 2 days. Denies fever or cough.

FAMILY HISTORY:
Mother with breast cancer.

PERTINENT RESULTS:
Admission labs: creatinine 1.8 mg/dL, Hgb 10.2 g/dL.
CXR showed right lower lobe consolidation.
Discharge labs: creatinine 1.1 mg/dL.

DISCHARGE MEDICATIONS:
1. Lisinopril 10 mg PO daily for hypertension
2. Aspirin 81 mg PO daily
""")
