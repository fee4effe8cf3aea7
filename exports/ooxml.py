"""WordprocessingML pieces python-docx has no API for: fields, bookmarks, internal and
external links, cell shading, table rows that repeat or never split, the package's
application properties and theme fonts.  Used by exports/docx.py only."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from xml.sax.saxutils import escape

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn


def element(tag: str, **attributes) -> OxmlElement:
    node = OxmlElement(tag)
    for name, value in attributes.items():
        node.set(qn(f"w:{name}"), str(value))
    return node


def run_properties(size: float | None = None, colour: str | None = None, bold: bool = False,
                   underline: bool = False, italic: bool = False) -> OxmlElement:
    properties = element("w:rPr")
    if bold:
        properties.append(element("w:b"))
    if italic:
        properties.append(element("w:i"))
    if colour:
        properties.append(element("w:color", val=colour))
    if size:
        properties.append(element("w:sz", val=round(size * 2)))
    if underline:
        properties.append(element("w:u", val="single"))
    return properties


def text_run(text: str, **formatting) -> OxmlElement:
    """A run of `text`; tabs and line breaks become `w:tab` and `w:br` (as python-docx's
    `add_run` does)."""
    run = element("w:r")
    run.append(run_properties(**formatting))
    for piece in _PIECES.findall(text):
        if piece == "\t":
            run.append(element("w:tab"))
        elif piece in ("\n", "\r", "\r\n"):
            run.append(element("w:br"))
        else:
            node = element("w:t")
            node.set(qn("xml:space"), "preserve")
            node.text = piece
            run.append(node)
    return run


_PIECES = re.compile(r"\r\n|[\t\n\r]|[^\t\n\r]+")


def _text_xml(text: str) -> str:
    """The inside of a run for `text`, as XML (tabs and line breaks as in `text_run`)."""
    out = []
    for piece in _PIECES.findall(text):
        if piece == "\t":
            out.append("<w:tab/>")
        elif piece in ("\n", "\r", "\r\n"):
            out.append("<w:br/>")
        else:
            out.append(f'<w:t xml:space="preserve">{escape(piece)}</w:t>')
    return "".join(out)


def paragraph(style_id: str | None = None) -> OxmlElement:
    """An empty `w:p` of the style whose id is `style_id` (python-docx's `style=` looks
    the name up among every style at each call: most of a large booklet's time)."""
    p = element("w:p")
    if style_id:
        properties = element("w:pPr")
        properties.append(element("w:pStyle", val=style_id))
        p.append(properties)
    return p


def table(columns_cm: tuple[float, ...], rows: list[tuple], style_id: str, header_fill: str,
          size: float, right: tuple[int, ...] = ()) -> OxmlElement:
    """A grid table written as XML at once (python-docx builds it cell by cell): the first
    row is a shaded header in bold that repeats on every page, no row splits across pages,
    integers and the columns `right` lists (header included) right-aligned, text as is
    (escaped)."""
    widths = [round(cm * 1440 / 2.54) for cm in columns_cm]
    half_points = round(size * 2)
    out = [f'<w:tbl {nsdecls("w")}><w:tblPr><w:tblStyle w:val="{style_id}"/>'
           '<w:tblW w:type="auto" w:w="0"/><w:tblLook w:firstColumn="1" w:firstRow="1" '
           'w:lastColumn="0" w:lastRow="0" w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
           '</w:tblPr><w:tblGrid>']
    out += [f'<w:gridCol w:w="{width}"/>' for width in widths]
    out.append("</w:tblGrid>")
    for index, values in enumerate(rows):
        header = index == 0
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if header else "")
                   + "</w:trPr>")
        for column, (value, width) in enumerate(zip(values, widths)):
            number = isinstance(value, int) or column in right
            out.append(f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>'
                       + (f'<w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/>'
                          if header else "")
                       # A little room above the text, or borders clip capital accents (É).
                       + '</w:tcPr><w:p><w:pPr><w:spacing w:before="30" w:after="30"/>'
                       + ('<w:jc w:val="right"/>' if number else "")
                       + "</w:pPr><w:r><w:rPr>" + ("<w:b/>" if header else "")
                       + f'<w:sz w:val="{half_points}"/></w:rPr>' + _text_xml(str(value))
                       + "</w:r></w:p></w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return parse_xml("".join(out))


def field_runs(instruction: str, cached: str, dirty: bool = False) -> list[OxmlElement]:
    """begin / instruction / separate / cached result / end: a field whose result shows as
    soon as the file opens, refreshed by the word processor."""
    def char(kind: str) -> OxmlElement:
        run = element("w:r")
        mark = element("w:fldChar", fldCharType=kind)
        if dirty and kind == "begin":
            mark.set(qn("w:dirty"), "true")
        run.append(mark)
        return run

    code = element("w:r")
    instr = element("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    code.append(instr)
    return [char("begin"), code, char("separate"), text_run(cached), char("end")]


def bookmark(paragraph, name: str, number: int) -> None:
    """Wrap the paragraph's content in bookmark `name` (targets of the contents' links)."""
    start = element("w:bookmarkStart", id=number, name=name)
    end = element("w:bookmarkEnd", id=number)
    p = paragraph._p
    properties = p.find(qn("w:pPr"))
    (properties.addnext if properties is not None else lambda node: p.insert(0, node))(start)
    p.append(end)


def internal_link(paragraph, anchor: str, text: str, page: str) -> None:
    """A contents entry: the title linked to bookmark `anchor`, a tab, then its page number
    (a PAGEREF field: LibreOffice and Word compute it from the layout)."""
    link = element("w:hyperlink", anchor=anchor, history=1)
    link.append(text_run(text))
    link.append(_tab_run())
    for run in field_runs(f"PAGEREF {anchor} \\h", page):
        link.append(run)
    paragraph._p.append(link)


def _tab_run() -> OxmlElement:
    run = element("w:r")
    run.append(element("w:tab"))
    return run


def external_link(paragraph, url: str, text: str, colour: str) -> None:
    r_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.append(text_run(text, colour=colour, underline=True))
    paragraph._p.append(link)


def shade(cell, fill: str) -> None:
    cell._tc.get_or_add_tcPr().append(element("w:shd", val="clear", color="auto", fill=fill))


def row_flags(row, header: bool = False) -> None:
    """Rows never split across pages; a header row repeats on every page."""
    properties = row._tr.get_or_add_trPr()
    properties.append(element("w:cantSplit"))
    if header:
        properties.append(element("w:tblHeader"))


def no_borders(table) -> None:
    borders = element("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(f"w:{side}", val="nil"))
    table._tbl.tblPr.append(borders)


def fonts(rpr_parent, family: str) -> None:
    """Set an explicit font (no theme font) on a style's or the defaults' run properties."""
    rpr = rpr_parent.find(qn("w:rPr"))
    if rpr is None:
        rpr = element("w:rPr")
        rpr_parent.append(rpr)
    old = rpr.find(qn("w:rFonts"))
    if old is not None:
        rpr.remove(old)
    rpr.insert(0, element("w:rFonts", ascii=family, hAnsi=family, cs=family, eastAsia=family))


def theme_fonts(document, major: str, minor: str) -> None:
    """The theme's heading and body fonts, so that Word's font lists show the app's."""
    for part in document.part.package.iter_parts():
        if str(part.partname).startswith("/word/theme/"):
            xml = part.blob.decode("utf-8")
            xml = re.sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{major}", xml)
            xml = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{minor}", xml)
            part._blob = xml.encode("utf-8")


def application_properties(document, company: str, when: datetime) -> None:
    """docProps/app.xml says Ensemble made the file (not the template's word processor);
    the template's thumbnail (a blank page) goes."""
    package = document.part.package
    for part in package.iter_parts():
        if str(part.partname) == "/docProps/app.xml":
            part._blob = (
                '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                'extended-properties"><Application>Ensemble</Application>'
                f"<Company>{escape(company)}</Company><DocSecurity>0</DocSecurity>"
                "</Properties>").encode("utf-8")
    for r_id, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            del package.rels[r_id]
    props = document.core_properties
    props.created = props.modified = when.astimezone(timezone.utc)  # naive: local time
    props.last_modified_by = "Ensemble"
    props.revision = 1
