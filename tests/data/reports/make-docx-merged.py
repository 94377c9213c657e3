# Sets an HTML report as a Word document (.docx) the way Word writes merged
# cells: a colspan becomes <w:gridSpan w:val="N"/>, a rowspan a cell with
# <w:vMerge w:val="restart"/> and, in each row below it, an empty cell with
# <w:vMerge/>. Paragraphs (<p>, <h1>…, text between tables) become <w:p>.
# usage: python3 make-docx-merged.py IN.html OUT.docx
import sys
import zipfile
from html.parser import HTMLParser
from xml.sax.saxutils import escape

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


class Reader(HTMLParser):
    """Blocks in order: ("p", text) or ("table", rows of (text, rowspan, colspan))."""

    def __init__(self):
        super().__init__()
        self.blocks, self.text, self.table, self.cell = [], [], None, None

    def flush(self):
        t = "".join(self.text).strip()
        if t:
            self.blocks.append(("p", t))
        self.text = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self.flush()
            self.table = []
            self.blocks.append(("table", self.table))
        elif tag == "tr" and self.table is not None:
            self.table.append([])
        elif tag in ("td", "th") and self.table is not None:
            self.cell = [[], int(a.get("rowspan") or 1), int(a.get("colspan") or 1)]
            self.table[-1].append(self.cell)
        elif tag in ("p", "br", "div", "h1", "h2", "h3") and self.cell is None:
            self.flush()

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.cell = None
        elif tag == "table":
            self.table = None
        elif tag in ("p", "div", "h1", "h2", "h3") and self.cell is None:
            self.flush()

    def handle_data(self, data):
        (self.cell[0] if self.cell is not None else self.text).append(data)


def para(text):
    # two runs, as editing leaves text
    half = len(text) // 2
    runs = "".join('<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % escape(p)
                   for p in (text[:half], text[half:]) if p)
    return "<w:p>%s</w:p>" % runs


def tc(text, span, merge):
    pr = ""
    if span > 1:
        pr += '<w:gridSpan w:val="%d"/>' % span
    if merge:
        pr += '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>"
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (pr, para(text) if text else "<w:p/>")


def table(rows):
    # the grid: which columns each row's cells start in, after the rowspans above
    below = {}  # column -> (rows still covered, colspan)
    out = []
    for row in rows:
        cells, col, it = [], 0, iter(row)
        pending = list(row)
        while pending or any(c >= col for c in below):
            if col in below:
                left, span = below[col]
                cells.append(tc("", span, "continue"))
                if left == 1:
                    del below[col]
                else:
                    below[col] = (left - 1, span)
                col += span
                continue
            if not pending:
                break
            text, rowspan, colspan = pending.pop(0)
            text = "".join(text).strip()
            cells.append(tc(text, colspan, "restart" if rowspan > 1 else None))
            if rowspan > 1:
                below[col] = (rowspan - 1, colspan)
            col += colspan
        out.append("<w:tr>%s</w:tr>" % "".join(cells))
    return "<w:tbl>%s</w:tbl>" % "".join(out)


r = Reader()
r.feed(open(sys.argv[1], encoding="utf-8").read())
r.flush()
body = "".join(para(b[1]) if b[0] == "p" else table(b[1]) for b in r.blocks)
doc = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document %s><w:body>%s'
       '<w:sectPr/></w:body></w:document>' % (W, body))
with zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    z.writestr("word/document.xml", doc)
