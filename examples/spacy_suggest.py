#!/usr/bin/env python3
"""A model adapter for `stancemark suggest`, using spaCy if it is installed.

    stancemark suggest saves/my-project.ron --command 'python3 examples/spacy_suggest.py en_core_web_sm'

Reads one JSON line per document on standard input
({"path": ..., "text": ..., "types": [...]}), writes one JSON line per
document on standard output ({"path": ..., "spans": [...]}), offsets in
Unicode code points (Python's str indices are code points, as Stancemark's).
spaCy's labels are mapped to Stancemark's default types; a span whose type
the project's schema lacks is not sent back.

Not required by Stancemark, and not run by its tests (spaCy models are not
something CI can fetch); tests/cli_suggest.rs checks the protocol with a
shell script of its own.
"""

import json
import sys

# spaCy's OntoNotes labels and the default schema's types.
LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "NORP": "MISC", "EVENT": "MISC"}


def main() -> int:
    try:
        import spacy
    except ImportError:
        print("spaCy is not installed: pip install spacy", file=sys.stderr)
        return 1
    model = sys.argv[1] if len(sys.argv) > 1 else "en_core_web_sm"
    try:
        nlp = spacy.load(model)
    except OSError as e:
        print(f"cannot load the spaCy model {model!r}: {e}", file=sys.stderr)
        return 1
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        types = set(request.get("types", []))
        doc = nlp(request["text"])
        spans = []
        for ent in doc.ents:
            label = LABELS.get(ent.label_)
            if label in types:
                spans.append({"start": ent.start_char, "end": ent.end_char, "label": label})
        print(json.dumps({"path": request["path"], "spans": spans}, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
