#!/usr/bin/env python3
"""Generate data/refdata/countries.csv from Debian's iso-codes package (run once by hand).

Reads /usr/share/iso-codes/json/iso_3166-1.json (codes, English names) and the gettext
catalogue /usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo (Chinese names), parsed here
directly. Not used at build time or at run time: the generated CSV is committed.
Usage: python3 generate_countries.py > ../countries.csv
"""
import csv
import json
import struct
import subprocess
import sys

JSON = "/usr/share/iso-codes/json/iso_3166-1.json"
MO = "/usr/share/locale/zh_CN/LC_MESSAGES/iso_3166-1.mo"


def read_mo(path):
    data = open(path, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    end = "<" if magic == 0x950412DE else ">"
    _, count, orig_off, trans_off = struct.unpack(end + "4I", data[4:20])
    out = {}
    for i in range(count):
        olen, ooff = struct.unpack(end + "2I", data[orig_off + 8 * i: orig_off + 8 * i + 8])
        tlen, toff = struct.unpack(end + "2I", data[trans_off + 8 * i: trans_off + 8 * i + 8])
        msgid = data[ooff: ooff + olen].decode("utf-8")
        msgstr = data[toff: toff + tlen].decode("utf-8")
        if msgid:
            out[msgid] = msgstr
    return out


def main():
    version = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "iso-codes"],
                             capture_output=True, text=True).stdout.strip() or "unknown"
    entries = json.load(open(JSON, encoding="utf-8"))["3166-1"]
    zh = read_mo(MO)
    w = csv.writer(sys.stdout, lineterminator="\n")
    print("# countries.csv: ISO 3166-1 countries and territories with English and Chinese names.")
    print(f"# Source: Debian package iso-codes {version} (iso_3166-1.json; Chinese names from the zh_CN")
    print("# gettext catalogue iso_3166-1.mo, which falls back to the English name where untranslated).")
    print("# Produced by data/refdata/tools/generate_countries.py; do not edit by hand, regenerate.")
    print("# Licence: iso-codes is LGPL-2.1+; these are factual code lists.")
    w.writerow(["alpha3", "alpha2", "numeric", "name_en", "name_zh", "official_name_en"])
    for e in sorted(entries, key=lambda e: e["alpha_3"]):
        name = e["name"]
        w.writerow([e["alpha_3"], e["alpha_2"], e["numeric"], name,
                    zh.get(name, zh.get(e.get("common_name", ""), name)),
                    e.get("official_name", "")])


if __name__ == "__main__":
    main()
