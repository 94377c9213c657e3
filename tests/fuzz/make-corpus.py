# Writes the kept seeds of the document readers' fuzz targets (run from the
# repository root; the outputs are committed):
#   corpus/docx/      whole files for gk_docx_check_package and gk_document_text
#   corpus/docx-xml/  word/document.xml bodies for gk_docx_xml_text
#   corpus/pdf/       PDFs for gk_document_text (pdftotext)
# tests/unit/test_fuzz_corpus.c runs every one through the in-process parts
# and holds each seed named below to its expected verdict.
# usage: python3 tests/fuzz/make-corpus.py
import io
import os
import shutil
import struct
import subprocess
import zipfile

HERE = "tests/fuzz/corpus"
DATA = "tests/data/reports"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'


def document(body):
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document %s %s><w:body>%s<w:sectPr/></w:body></w:document>' % (W, MC, body))


def p(text):
    return '<w:p><w:r><w:t xml:space="preserve">%s</w:t></w:r></w:p>' % text


def tc(text, span=1, merge=None):
    pr = ('<w:gridSpan w:val="%d"/>' % span if span > 1 else "") + (
        '<w:vMerge w:val="restart"/>' if merge == "restart" else "<w:vMerge/>" if merge else "")
    return "<w:tc><w:tcPr>%s</w:tcPr>%s</w:tc>" % (pr, p(text) if text else "<w:p/>")


def docx(xml, extra=(), method=zipfile.ZIP_DEFLATED):
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", method) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        for name, data in extra:
            z.writestr(name, data)
        if xml is not None:
            z.writestr("word/document.xml", xml)
    return b.getvalue()


def patch_central(data, name, flags=None, usize=None):
    """Sets the general purpose flags or the unpacked size of entry NAME in the
    central directory (and the flags in its local header)."""
    data = bytearray(data)
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        nlen = struct.unpack_from("<H", data, at + 28)[0]
        if bytes(data[at + 46:at + 46 + nlen]) == name:
            local = struct.unpack_from("<I", data, at + 42)[0]
            if flags is not None:
                struct.pack_into("<H", data, at + 8, flags)
                struct.pack_into("<H", data, local + 6, flags)
            if usize is not None:
                struct.pack_into("<I", data, at + 24, usize)
        at = data.find(b"PK\x01\x02", at + 4)
    return bytes(data)


def write(sub, name, data):
    os.makedirs(os.path.join(HERE, sub), exist_ok=True)
    with open(os.path.join(HERE, sub, name), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


NARRATIVE = (p("某某县人民政府2016年政府信息公开工作年度报告") +
             p("2016年，全县主动公开政府信息1200条，其中通过网站公开1000条，通过政府公报公开200条。") +
             p("全年共收到政府信息公开申请12件，已全部答复。"))
# Table 3 with both merge kinds: the headers span columns (gridSpan) and the
# five 行政复议 heads span two rows (vMerge); its 总计 says 3 for 1+1+0+0.
HEADS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
TABLE3 = ("<w:tbl>" +
          "<w:tr>" + tc("行政复议", 5) + tc("行政诉讼", 10) + "</w:tr>" +
          "<w:tr>" + "".join(tc(h, 1, "restart") for h in HEADS) +
          tc("未经复议直接起诉", 5) + tc("复议后起诉", 5) + "</w:tr>" +
          "<w:tr>" + "".join(tc("", 1, "continue") for h in HEADS) +
          "".join(tc(h) for h in HEADS * 2) + "</w:tr>" +
          "<w:tr>" + "".join(tc(v) for v in "1 1 0 0 3 0 1 0 1 2 0 0 0 1 1".split()) + "</w:tr>" +
          "</w:tbl>")
MERGED = (p("XX区人民政府2021年政府信息公开工作年度报告") +
          p("四、政府信息公开行政复议、行政诉讼情况") + TABLE3)
ODD = (p("甲 &amp; 乙 &lt;表&gt; &#x4E00;&#20108;&#0;&#xD800;&#x110000;&bogus; &") +
       '<w:p><w:r><w:t>分</w:t><w:tab/><w:t>栏</w:t><w:br/><w:t>换行</w:t></w:r></w:p>' +
       '<w:p><w:r><w:delText>删去的12件</w:delText><w:instrText> PAGE </w:instrText></w:r></w:p>' +
       '<w:p><mc:AlternateContent><mc:Choice><w:t>文本框8件</w:t></mc:Choice>'
       '<mc:Fallback><w:t>文本框8件</w:t></mc:Fallback></mc:AlternateContent></w:p>' +
       "<w:tbl><w:tr>" + tc("a|b   c") + "<w:tc><w:tbl><w:tr>" + tc("内") + tc("层") +
       "</w:tr></w:tbl></w:tc>" + tc("", 2, "restart") + "</w:tr><w:tr>" + tc("x") +
       tc("y") + tc("", 2, "continue") + "</w:tr></w:tbl>" +
       "<w:p/><w:t>unclosed")

write("docx-xml", "narrative.xml", document(NARRATIVE))
write("docx-xml", "merged-table3.xml", document(MERGED))
write("docx-xml", "odd-markup.xml", document(ODD))

minimal = docx(document(NARRATIVE))
write("docx", "minimal.docx", minimal)
write("docx", "merged-table3.docx", docx(document(MERGED)))
write("docx", "stored.docx", docx(document(NARRATIVE), method=zipfile.ZIP_STORED))
write("docx", "not-a-zip.docx", "这不是 Word 文档，是改了扩展名的文本：收到申请12件。\n")
write("docx", "foreign-zip.docx", docx(None, [("xl/workbook.xml", "<workbook/>")]))
write("docx", "truncated.docx", minimal[:len(minimal) // 2])
# Word keeps an encrypted .docx in an OLE compound file; a ZIP entry can be
# encrypted too (flag bit 0)
write("docx", "encrypted-ole.docx", b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + bytes(504))
write("docx", "encrypted-entry.docx", patch_central(minimal, b"word/document.xml", flags=1))
# a zip bomb: 8 MiB of empty paragraphs packed about a thousand times
write("docx", "bomb.docx", docx(document("<w:p/>" * ((8 << 20) // 6))))
# a directory that claims a body of 4 GiB
write("docx", "bomb-size.docx", patch_central(minimal, b"word/document.xml", usize=0xFFFFFFFF))

for name in ("pdf-encrypted.pdf", "pdf-scanned.pdf", "pdf-broken.pdf"):
    os.makedirs(os.path.join(HERE, "pdf"), exist_ok=True)
    shutil.copy(os.path.join(DATA, name), os.path.join(HERE, "pdf", name[4:]))
with open("/tmp/gk-minimal-report.txt", "w", encoding="utf-8") as f:
    f.write("某某县人民政府2016年政府信息公开工作年度报告\n\n"
            "全年共收到政府信息公开申请12件，其中当面申请5件，网上申请6件。\n- 1 -\n")
subprocess.run(["python3", os.path.join(DATA, "make-pdf.py"), "/tmp/gk-minimal-report.txt",
                os.path.join(HERE, "pdf", "minimal.pdf")], check=True)
