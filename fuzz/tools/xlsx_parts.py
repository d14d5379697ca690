#!/usr/bin/env python3
"""Turns an .xlsx into a 'parts' seed for fuzz_xlsx: workbook.xml, _rels/workbook.xml.rels,
sharedStrings.xml and the first sheet, joined by NUL bytes (see fuzz/fuzz_xlsx.cpp).
The rels are rewritten so the first sheet is worksheets/sheet1.xml and the shared strings
sharedStrings.xml, the names the harness packs them under.
    fuzz/tools/xlsx_parts.py in.xlsx > fuzz/corpus/xlsx/name.parts"""
import re
import sys
import zipfile

z = zipfile.ZipFile(sys.argv[1])
names = {n.lower(): n for n in z.namelist()}
workbook = z.read(names["xl/workbook.xml"])
rels = z.read(names["xl/_rels/workbook.xml.rels"]).decode()
rid = re.search(rb'<sheet [^>]*r:id="([^"]+)"', workbook).group(1).decode()
target = re.search(r'Id="%s"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="%s"' % (rid, rid), rels)
sheet = "xl/" + (target.group(1) or target.group(2)).lstrip("/").removeprefix("xl/")
rels = re.sub(r'Target="[^"]*sharedStrings.xml"', 'Target="sharedStrings.xml"', rels)
rels = re.sub(r'(Id="%s"[^>]*Target=")[^"]+"' % rid, r'\1worksheets/sheet1.xml"', rels)
rels = re.sub(r'Target="[^"]+"([^>]*Id="%s")' % rid, r'Target="worksheets/sheet1.xml"\1', rels)
shared = z.read(names["xl/sharedstrings.xml"]) if "xl/sharedstrings.xml" in names else b""
sys.stdout.buffer.write(b"\0".join([workbook, rels.encode(), shared, z.read(names[sheet.lower()])]))
