#!/usr/bin/env python3
"""Builds lexicons/abbreviations.txt from the group-A sources plus the common list.

Usage: python3 lexicons/build/abbreviations.py /work/shared/lexicon-sources/words > lexicons/abbreviations.txt

Sources (read from the directory given as the only argument):
  spacy_nb_tokenizer_exceptions.tsv  spaCy 3.8.18 lang/nb/tokenizer_exceptions.py (MIT)
  norne_abbreviations.tsv            NorNE tokens with feature `fork` ending in "." (CC0-1.0)
plus COMMON below (the list of issue 2 and general knowledge of Norwegian press abbreviations).

Kept: forms that end in a period. Dropped: single capital letters (initials are a rule of the
tokenizer, not lexicon data) and forms whose stem is an ordinary word that often ends a
sentence (DROP below: "to.", "jul.", "min." ...), which would otherwise swallow a sentence's
final period. FINAL marks the abbreviations that may end a sentence ("osv.", "mrd.").
"""
import sys
from pathlib import Path

COMMON = """adm.dir. anm. avd. bl.a. ca. d.v.s. dr. dvs. e.Kr. etc. evt. f.eks. f.Kr. f.o.m. f.v.
fhv. frk. hhv. iflg. iht. inkl. jf. journ. kl. m.fl. m.m. mht. mill. mrd. mv. nr. o.l. osv. pga. prof. red.
st.meld. str. t.o.m. tlf. vs.""".split()

# Stems that are ordinary words or that often end a sentence as words.
DROP = set("""to. ti. et. el. jul. min. sen. off. ref. res. org. op. ad. ma. on. no. sø. lø.
md. sv. temp. vol. sms. ev. g. p. v. gt. gl. to. nov. sep. ti. ofl. fork. bla. dept. stud.
foreg. komm. eg. mag. pkt. kst. lat. juris. og. gno. nyno. utg. ult. tils. vn. fk.
ap. sp. frp. krf.""".split())

FINAL = set("""etc. osv. m.m. mv. m.v. o.l. m.fl. mfl. o.a. e.l. f.Kr. e.Kr. mill. mrd. kr. pst.
stk. mnd. moh. hoh. mva. m.a.o. inkl. ekskl. bl.a.""".split()) - {"bl.a."}


def read_column(path):
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            yield line.split("\t")[0].strip()


def main():
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/lexicon-sources/words")
    forms = set(COMMON)
    forms.update(read_column(src / "spacy_nb_tokenizer_exceptions.tsv"))
    forms.update(read_column(src / "norne_abbreviations.tsv"))
    keep = sorted(
        f for f in forms
        if f.endswith(".") and len(f) > 1
        and not (len(f) == 2 and f[0].isupper())
        and f.lower() not in DROP
    )
    print("# Abbreviations kept as one token with their periods; column 2 `final`: may end a sentence.")
    print("# Built by lexicons/build/abbreviations.py (reproducible; run it from the repository root)")
    print("# from spaCy 3.8.18 lang/nb/tokenizer_exceptions.py (MIT, (c) Explosion AI),")
    print("# NorNE `fork` tokens ending in a period (CC0-1.0, LTG Oslo), and the common list of")
    print("# Norwegian press abbreviations in the script (general knowledge). Forms that are also")
    print("# ordinary words (to., jul., min. ...) are left out on purpose.")
    for f in keep:
        print(f"{f}\tfinal" if f in FINAL else f)


if __name__ == "__main__":
    main()
