#!/usr/bin/python3
"""Fills the blank template the way a person would in LibreOffice Calc: each answer is typed into
its cell (so Calc turns 2026-08-26 into a date and 4.0 into a number, as it does for typed input),
and the workbook is saved as .xlsx with Calc's own "Excel 2007-365" filter. One workbook per
scenario: the READY one and the nine workbooks of issue 11.

Usage: /usr/bin/python3 docs/new-user/fill.py TEMPLATE.xlsx OUT_DIR [SCENARIO ...]
(needs LibreOffice and its Python bridge, python3-uno; starts a headless soffice and stops it).
"""
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

# Every date below is stated for 2026-11-26: validate the workbooks with --as-of 2026-11-26.


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


PORT = 2002


def desktop():
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(60):
        try:
            ctx = resolver.resolve("uno:socket,host=127.0.0.1,port=%d;urp;StarOffice.ComponentContext" % PORT)
            return ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        except Exception:
            time.sleep(1)
    raise SystemExit("soffice did not start listening on port %d" % PORT)


COVERAGE = {"DOC-001": "1, 2, 3, 4", "EXCRI-001": "1, 2, 3, 4", "PRIAC-001": "1, 2, 3, 4", "PRJ-004": "1, 2, 3, 4",
            "PRMLO-003": "1, 2", "PRMLO-002": "1", "ACCT-001": "1", "ACCT-002": "2", "OPE-001": "3", "OPE-002": "3",
            "OPE-003": "4", "NETSEC-001": "1", "NETSEC-002": "2", "REL-001": "1", "REL-002": "2", "COST-001": "4"}


def baseline():
    """What a complete, READY self-assessment holds, cell by cell: {(sheet, ref): typed text}."""
    v = {}
    profile = ["Northwind Cloud Consulting Ltd", "P-1001", "https://northwind-cloud.com", "Advanced", "Validated",
               "Yes", "No", "", "", "", "4.0", "competency@northwind-cloud.com"]
    for i, value in enumerate(profile):
        v[("Partner Profile", "B%d" % (i + 2))] = value
    people = ["Ana Silva", "Ben Okafor", "Chloé Martin", "Dev Patel"]
    row = 2
    for i, person in enumerate(people):
        for cert, number, expiry in (("Developer – Associate", "DVA-%d" % (1000 + i), "2027-11-26"),
                                     ("DevOps Engineer – Professional", "DOP-%d" % (2000 + i), "2028-11-26")):
            for col, value in zip("ABCD", (person, cert, number, expiry)):
                v[("Certifications", "%s%d" % (col, row))] = value
            row += 1
    customers = [("Acme Corporation", "2026-08-26"), ("Globex GmbH", "2026-05-26"), ("Initech LLC", "2026-02-26"),
                 ("Umbrella Health S.A.", "2025-11-26")]
    for i, (customer, live) in enumerate(customers):
        r = i + 2
        n = i + 1
        cells = {"B": customer, "C": "No", "D": "No", "E": "A customer of ours", "F": "CI/CD for " + customer,
                 "G": "Manual releases took two weeks and failed often.",
                 "H": "AWS CodePipeline, CodeBuild, CloudFormation and Amazon ECS.",
                 "I": "Deployments went from monthly to daily.", "J": live, "K": "Production",
                 "L": "Yes" if n <= 2 else "No",
                 "M": "https://northwind-cloud.com/case-studies/%d" % n if n <= 2 else "",
                 "N": "diagrams/case-study-%d.pdf" % n}
        for col, value in cells.items():
            v[("Case Studies", "%s%d" % (col, r))] = value
    return v


# The nine workbooks of issue 11 (and the READY one they start from): cells changed from the baseline.
SCENARIOS = {
    "0-ready": {},
    "1-prpas001-na": {("Self-Assessment", "D26"): "N/A"},
    "2-prj004-1-2": {("Self-Assessment", "F10"): "1, 2"},
    "3-devops-waiver": {("Partner Profile", "B10"): "AWS DevOps Competency", ("Partner Profile", "B11"): "2026-06-26",
                        ("Self-Assessment", "D2"): "Not met"},
    "4-same-public-url": {("Case Studies", "M3"): "https://northwind-cloud.com/case-studies/1"},
    "5-private-blank": {("Case Studies", "G4"): "", ("Case Studies", "H4"): "", ("Case Studies", "I4"): ""},
    "6-ope001-dash": {("Self-Assessment", "E31"): "-"},
    "7-cloudops": {("Certifications", "B%d" % r): "CloudOps Engineer – Associate" for r in (2, 4, 6, 8)},
    "8-http": {("Case Studies", "M2"): "http://northwind-cloud.com/case-studies/1"},
    "9-medium": {("Case Studies", "M3"): "https://medium.com/@northwind/devops-at-globex"},
}


def main():
    template, out_dir = os.path.abspath(sys.argv[1]), sys.argv[2]
    wanted = sys.argv[3:] or list(SCENARIOS)
    profile = tempfile.mkdtemp(prefix="fill-soffice-")
    office_process = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--norestore", "--nologo",
         "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
         "--accept=socket,host=127.0.0.1,port=%d;urp;" % PORT],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        office = desktop()
        for name in wanted:
            fill(office, template, os.path.join(out_dir, name + ".xlsx"), SCENARIOS[name])
        office.terminate()
    finally:
        try:
            office_process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office_process.kill()
        shutil.rmtree(profile, ignore_errors=True)


def fill(office, template, path, changes):
    doc = office.loadComponentFromURL(uno.systemPathToFileUrl(template), "_blank", 0, (prop("Hidden", True),))
    sheets = doc.Sheets
    ids = sheets.getByName("Self-Assessment")
    values = baseline()
    for r in range(2, 40):
        control = ids.getCellRangeByName("A%d" % r).getString()
        values[("Self-Assessment", "D%d" % r)] = "Met"
        values[("Self-Assessment", "E%d" % r)] = "Evidence pack, section " + control
        values[("Self-Assessment", "F%d" % r)] = COVERAGE.get(control, "")
    values.update(changes)
    for (sheet, ref), text in values.items():
        cell = sheets.getByName(sheet).getCellRangeByName(ref)
        if text == "":
            cell.setString("")
        else:
            cell.setFormula(text)  # as if typed into the cell
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(path)), (prop("FilterName", "Calc MS Excel 2007 XML"),))
    doc.close(True)
    print("saved " + path)


if __name__ == "__main__":
    main()
