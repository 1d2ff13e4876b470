"""drafter: yearly work plans (工作要点) and their notices (通知) for Chinese health commissions.

Readers turn YAML, text and .docx into one plan model (`drafter.model`); writers turn it into
GB/T 9704 documents, redlines, HTML and YAML; `drafter.diff` compares two models.
"""
__version__ = "0.1.0"
