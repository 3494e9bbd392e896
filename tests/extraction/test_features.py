"""Candidate features (`features.py`) that the relation and status models read."""
from labelled_context import mentions_with_labels

from callsheet.extraction.features import lead_context, status_features


def _mention(ctx, name, label):
    entity = next(e.id for e in ctx.entities.values() if e.name == name)
    return next(m for m in ctx.mentions if m.entity == entity and m.label == label and m.how == "name")


def test_the_leads_time_words_speak_for_the_project_in_focus_far_below_it(nlp):
    text = ("Harbour Channel orders Salt Road.\n\nHarbour Channel has ordered Salt Road, a new drama.\n\n"
            "The network renewed Glass Season last year. Mara Quill stars in Salt Road. "
            "Tom Reddy starred in Glass Season.")
    ctx = mentions_with_labels(nlp, text, {"COMPANY": ["Harbour Channel", "Harbour Channel"],
                                           "WORK": ["Salt Road", "Salt Road", "Glass Season", "Salt Road",
                                                    "Glass Season"],
                                           "PERSON": ["Mara Quill", "Tom Reddy"]})
    assert "lead.new=order" in lead_context(ctx)
    assert "lead.old=renew" not in lead_context(ctx)  # "renewed" is below the lead
    mara, salt = _mention(ctx, "Mara Quill", "PERSON"), _mention(ctx, "Salt Road", "WORK")
    on_focus = status_features(ctx, mara, salt, ctx.sents[mara.sent])
    assert on_focus["lead.new&focus=order"] == 1.0
    tom, glass = _mention(ctx, "Tom Reddy", "PERSON"), _mention(ctx, "Glass Season", "WORK")
    elsewhere = status_features(ctx, tom, glass, ctx.sents[tom.sent])
    assert elsewhere["lead.new=order"] == 1.0
    assert not [name for name in elsewhere if "&focus" in name]
