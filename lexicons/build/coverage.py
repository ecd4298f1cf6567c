#!/usr/bin/env python3
"""How much of a NorNE split's gold entities the lexicons know, with and without extra lists.

    python3 /work/shared/yardsticks/nereval.py dev --write-only /tmp/norne-dev   # once
    python3 lexicons/build/coverage.py /tmp/norne-dev/dev.txt /tmp/norne-dev/dev.gold.json \\
        [--lexicons lexicons] [--extra lexicons-extra/apertium ...]

Prints, for the embedded lexicons alone, for each extra folder added to them, and for all extra
folders together:
  PER first+last  share of multi-token PER spans whose first token is a known given name and
                  whose last token a known surname (a genitive -s/-' is stripped);
  PER first       ... whose first token is a known given name;
  PER last        ... whose last token is a known surname;
  PER single      share of one-token PER spans that are a known given name or surname;
  ORG             share of ORG and GPE_ORG spans that are a known organisation name or alias;
  LOC             share of GPE_LOC and LOC spans that are a known place;
  false names     the cost side: share of sentence-initial capitalised words outside every gold
                  entity ("Men", "Finn" the verb, "Etter") that a list calls a given name,
                  surname, place or organisation;
  … not in name_words  those of them that name_words.tsv does not flag as also a common word.
Reads the lexicon TSV files directly (standard library only); never writes NorNE text.
"""

import argparse
import json
import os


def entries(path, column=0):
    out = set()
    if not os.path.isfile(path):
        return out
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            out.add(fields[column])
            if column == 0 and os.path.basename(path) == "organisations.tsv" and len(fields) > 2:
                out.update(a for a in fields[2].split("|") if a)
    return out


def load(dirs):
    lex = {"given": set(), "sur": set(), "org": set(), "place": set(), "name_words": set()}
    for d in dirs:
        lex["given"] |= entries(os.path.join(d, "given_names.tsv"))
        lex["sur"] |= entries(os.path.join(d, "surnames.tsv"))
        lex["org"] |= entries(os.path.join(d, "organisations.tsv"))
        lex["place"] |= entries(os.path.join(d, "places.tsv"))
        lex["name_words"] |= entries(os.path.join(d, "name_words.tsv"))
    return lex


def known(token, names):
    if token in names:
        return True
    for suffix in ("'s", "’s", "'", "’", "s"):
        if token.endswith(suffix) and token[: -len(suffix)] in names:
            return True
    return False


def measure(spans, initials, lex):
    multi = [s.split() for t, s in spans if t == "PER" and len(s.split()) > 1]
    single = [s for t, s in spans if t == "PER" and len(s.split()) == 1]
    orgs = [s for t, s in spans if t in ("ORG", "GPE_ORG")]
    locs = [s for t, s in spans if t in ("GPE_LOC", "LOC")]
    first = sum(known(w[0], lex["given"]) for w in multi)
    last = sum(known(w[-1], lex["sur"]) for w in multi)
    both = sum(known(w[0], lex["given"]) and known(w[-1], lex["sur"]) for w in multi)
    one = sum(known(s, lex["given"]) or known(s, lex["sur"]) for s in single)
    org = sum(known(s, lex["org"]) for s in orgs)
    loc = sum(known(s, lex["place"]) for s in locs)

    names = lex["given"] | lex["sur"] | lex["place"] | lex["org"]
    false = sum(w in names for w in initials)
    unflagged = sum(w in names and w not in lex["name_words"] for w in initials)

    def pct(n, d):
        return f"{100 * n / d:5.1f}% ({n}/{d})" if d else "-"

    return [pct(both, len(multi)), pct(first, len(multi)), pct(last, len(multi)),
            pct(one, len(single)), pct(org, len(orgs)), pct(loc, len(locs)), pct(false, len(initials)),
            pct(unflagged, len(initials))]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("text")
    ap.add_argument("gold")
    ap.add_argument("--lexicons", default=os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
    ap.add_argument("--extra", nargs="*", default=[])
    args = ap.parse_args()
    with open(args.text, "rb") as f:
        data = f.read()
    with open(args.gold, encoding="utf-8") as f:
        gold = json.load(f)
    spans = [(e["type"], " ".join(data[e["start"]:e["end"]].decode("utf-8").split())) for e in gold["entities"]]
    inside = sorted((e["start"], e["end"]) for e in gold["entities"])
    initials = []
    for sent in gold["sentences"]:
        text = data[sent["start"]:sent["end"]].decode("utf-8")
        stripped = text.lstrip("–-—«»\"'( ")
        start = sent["start"] + len(text[: len(text) - len(stripped)].encode("utf-8"))
        word = stripped.split(" ", 1)[0].rstrip(".,:;!?»\"')")
        if word[:1].isupper() and not any(a <= start < b for a, b in inside):
            initials.append(word)

    head = ["lexicons", "PER first+last", "PER first", "PER last", "PER single", "ORG", "LOC", "false names", "… not in name_words"]
    rows = [["embedded"] + measure(spans, initials, load([args.lexicons]))]
    for d in args.extra:
        rows.append(["+ " + os.path.basename(os.path.normpath(d))] + measure(spans, initials, load([args.lexicons, d])))
    if len(args.extra) > 1:
        rows.append(["+ all extra"] + measure(spans, initials, load([args.lexicons] + args.extra)))
    print("| " + " | ".join(head) + " |")
    print("|" + "---|" * len(head))
    for r in rows:
        print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
