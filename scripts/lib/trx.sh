# shellcheck shell=bash
# Sums the outcomes of every .trx file (one per test project) under a folder.
# Prints failed and skipped test names, one per line, then the summary line
# "N passed, N failed[, N skipped]" that CI reads. Exit status 1 if any failed
# or was skipped: a skipped test is one that did not check what it promises.
summarize_trx() {
  python3 - "$1" <<'PY'
import glob, os, sys
import xml.etree.ElementTree as ET

passed = failed = skipped = 0
failed_names = []
skipped_names = []
for path in sorted(glob.glob(os.path.join(sys.argv[1], "**", "*.trx"), recursive=True)):
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        print(f"[test.sh] unreadable {path}: {e}", file=sys.stderr)
        failed += 1
        continue
    # TRX elements live in a namespace; match on the local name only.
    for el in root.iter():
        if not el.tag.endswith("UnitTestResult"):
            continue
        outcome = el.get("outcome", "")
        if outcome == "Passed":
            passed += 1
        elif outcome in ("NotExecuted", "Inconclusive", "Pending"):
            skipped += 1  # xunit's [Fact(Skip=...)] ends up as NotExecuted
            skipped_names.append(el.get("testName", "?"))
        else:  # Failed, Error, Timeout, Aborted, ...
            failed += 1
            failed_names.append(f"{el.get('testName', '?')} [{outcome}]")

for name in failed_names:
    print(f"FAILED: {name}")
for name in skipped_names:
    print(f"SKIPPED: {name}")
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed or skipped else 0)
PY
}
