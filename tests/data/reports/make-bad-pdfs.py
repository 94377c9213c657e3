# Writes the PDFs the checker must refuse, each with one clear message:
# pdf-scanned.pdf (a page with a drawing and no text layer), pdf-encrypted.pdf
# (needs a user password) and pdf-broken.pdf (a header and nothing valid).
# usage: python3 make-bad-pdfs.py (in this directory)


def pdf(content, trailer_extra=b"", extra=()):
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"] + list(extra)
    out, offsets = b"%PDF-1.4\n", []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R " % (len(objs) + 1) + trailer_extra
    out += b">>\nstartxref\n%d\n%%%%EOF\n" % xref
    return out


open("pdf-scanned.pdf", "wb").write(pdf(b"0 0 1 rg 10 10 100 100 re f"))
fid = b"<0123456789abcdef0123456789abcdef>"
open("pdf-encrypted.pdf", "wb").write(pdf(
    b"BT /F1 12 Tf 20 100 Td (2017 report: 12 applications) Tj ET",
    b"/Encrypt 6 0 R /ID [" + fid + b" " + fid + b"] ",
    [b"<< /Filter /Standard /V 1 /R 2 /O <" + b"11" * 32 + b"> /U <" + b"22" * 32 +
     b"> /P -4 >>"]))
open("pdf-broken.pdf", "wb").write(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R\n")
