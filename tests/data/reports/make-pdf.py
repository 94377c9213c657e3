# Sets a text report on PDF pages the way office software does, for the PDF
# reading tests: each paragraph wrapped at WIDTH characters, PAGE_LINES lines
# a page, a footer "- N -" on each page. The font is not embedded: text
# extraction needs only the ToUnicode map (CID = Unicode code point).
# usage: python3 make-pdf.py IN.txt OUT.pdf [WIDTH [PAGE_LINES]]
import sys

src, dst = sys.argv[1], sys.argv[2]
width = int(sys.argv[3]) if len(sys.argv) > 3 else 30
page_lines = int(sys.argv[4]) if len(sys.argv) > 4 else 40

lines = []
for para in open(src, encoding="utf-8").read().split("\n"):
    if not para:
        lines.append("")
    while para:
        lines.append(para[:width])
        para = para[width:]
pages = [lines[i:i + page_lines] for i in range(0, len(lines), page_lines)]

size, left, top = 10, 40, 800
objs = {}
objs[1] = b"<< /Type /Catalog /Pages 2 0 R >>"
cmap = (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap "
        b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def "
        b"/CMapName /UCS def /CMapType 2 def 1 begincodespacerange <0000> <FFFF> "
        b"endcodespacerange 1 beginbfrange <0000> <FFFF> <0000> endbfrange endcmap "
        b"CMapName currentdict /CMap defineresource pop end end")
objs[3] = (b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H "
           b"/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>")
objs[4] = (b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDToGIDMap /Identity "
           b"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
           b"/DW 1000 /FontDescriptor 6 0 R >>")
objs[5] = b"<< /Length %d >>\nstream\n" % len(cmap) + cmap + b"\nendstream"
objs[6] = (b"<< /Type /FontDescriptor /FontName /SimSun /Flags 4 /FontBBox [0 -140 1000 880] "
           b"/ItalicAngle 0 /Ascent 880 /Descent -140 /CapHeight 880 /StemV 80 >>")


def show(text, x, y):
    hexs = "".join("%04X" % ord(c) for c in text)
    return b"BT /F1 %d Tf %d %d Td <%s> Tj ET\n" % (size, x, y, hexs.encode())


kids = []
n = 7
for number, page in enumerate(pages, 1):
    body = b"".join(show(t, left, top - i * (size + 6)) for i, t in enumerate(page) if t)
    body += show("- %d -" % number, 280, 40)
    objs[n] = b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"
    objs[n + 1] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                   b"/Resources << /Font << /F1 3 0 R >> >> >>" % n)
    kids.append(n + 1)
    n += 2
objs[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
    b" ".join(b"%d 0 R" % k for k in kids), len(kids))

out = b"%PDF-1.4\n"
offsets = {}
for i in sorted(objs):
    offsets[i] = len(out)
    out += b"%d 0 obj\n" % i + objs[i] + b"\nendobj\n"
xref = len(out)
out += b"xref\n0 %d\n0000000000 65535 f \n" % (n)
for i in range(1, n):
    out += b"%010d 00000 n \n" % offsets[i]
out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (n, xref)
open(dst, "wb").write(out)
