# Sets a text report as a Word document (.docx) for the DOCX reading tests:
# each line a paragraph; a run of lines whose cells are separated by TABs or
# two or more spaces a table, one row a line. Text goes into several runs
# (as Word splits it), with XML entities.
# usage: python3 make-docx.py IN.txt OUT.docx
import re
import sys
import zipfile
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def runs(text):
    # split in two runs where possible, the way editing leaves text
    half = len(text) // 2
    parts = [text[:half], text[half:]] if half else [text]
    return "".join('<w:r><w:rPr><w:sz w:val="24"/></w:rPr><w:t xml:space="preserve">%s</w:t></w:r>'
                   % escape(p) for p in parts if p)


def para(text):
    return "<w:p><w:pPr><w:jc w:val=\"left\"/></w:pPr>%s</w:p>" % runs(text)


body, table = [], []
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    cells = [c for c in re.split(r"\t| {2,}", line.strip())]
    if len(cells) > 1:
        table.append(cells)
        continue
    if table:
        body.append("<w:tbl>" + "".join(
            "<w:tr>" + "".join("<w:tc><w:tcPr/>%s</w:tc>" % para(c) for c in row) + "</w:tr>"
            for row in table) + "</w:tbl>")
        table = []
    body.append(para(line.strip()) if line.strip() else "<w:p/>")
if table:
    body.append("<w:tbl>" + "".join("<w:tr>" + "".join(
        "<w:tc>%s</w:tc>" % para(c) for c in row) + "</w:tr>" for row in table) + "</w:tbl>")
doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s'
       '<w:sectPr/></w:body></w:document>' % (W, "".join(body)))
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", doc)
