#!/usr/bin/env python3
"""Generate Skywarden's ATT&CK control catalogue from ATT&CK CSV exports and Mappings Explorer files.

Usage:
    python3 scripts/generate-catalog.py SHARED_DATA_DIR [OUTPUT_FILE]

SHARED_DATA_DIR must contain:
    attack/attack-enterprise-techniques-v<VERSION>.csv   technique_id,name,tactics,platforms,is_subtechnique
    attack/attack-enterprise-tactics-v<VERSION>.csv      tactic_id,name,shortname
    mappings/nist_800_53-rev5_attack-<V>-enterprise.json Mappings Explorer (unified schema)
    mappings/cri_profile-v2.1_attack-<V>-enterprise.json Mappings Explorer (unified schema)

The output (standard output when OUTPUT_FILE is absent) is the JSON resource that
dev.skywarden.core.catalog.ControlCatalog loads. It holds ids, names and relations only: no
descriptions, comments or references from the sources. The output is deterministic, so running
the script twice on the same input gives the same bytes.

NIST SP 800-53 control ids are written in NIST's own form (AC-2, SI-4(5)) although the Mappings
Explorer files pad the number (AC-02). Mapped techniques that are not active in the ATT&CK
version of the CSV export (revoked or deprecated since the mapping's ATT&CK version) are listed
under "unmatched_mapped_techniques" and get no entry.

Only the Python standard library is used.
"""

import csv
import glob
import json
import os
import re
import sys

# The Mappings Explorer frameworks the catalogue takes controls from, keyed by the
# (mapping_framework, mapping_framework_version) of the file metadata.
FRAMEWORKS = {
    ("nist_800_53", "rev5"): "nist_800_53_r5",
    ("cri_profile", "v2.1"): "csf_2_0",
}

ATTACK_FILE = re.compile(r"attack-enterprise-(techniques|tactics)-v(\d+(?:\.\d+)*)\.csv$")
TECHNIQUE_ID = re.compile(r"^T\d{4}(\.\d{3})?$")
NIST_ID = re.compile(r"^([A-Z]{2})-0*(\d+)(?:\((\d+)\))?$")
CRI_ID = re.compile(r"^([A-Z]{2}\.[A-Z]{2}-\d{2})\.\d{2}$")


def fail(message):
    print("generate-catalog: " + message, file=sys.stderr)
    sys.exit(1)


def find_attack_csv(attack_dir, kind):
    """Return (path, version) of the one ATT&CK export of the given kind, failing on zero or many."""
    matches = []
    for path in sorted(glob.glob(os.path.join(attack_dir, "*.csv"))):
        match = ATTACK_FILE.search(os.path.basename(path))
        if match and match.group(1) == kind:
            matches.append((path, match.group(2)))
    if len(matches) != 1:
        fail(f"expected exactly one attack-enterprise-{kind}-v*.csv in {attack_dir}, found {len(matches)}")
    return matches[0]


def read_csv(path, required_columns):
    with open(path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in required_columns if c not in (reader.fieldnames or [])]
        if missing:
            fail(f"{path}: missing columns {missing}")
        return list(reader)


def normalise_nist_id(raw, where):
    """Turn the padded Mappings Explorer form (AC-02, SI-04(05)) into NIST's form (AC-2, SI-4(5))."""
    match = NIST_ID.match(raw.strip())
    if not match:
        fail(f"{where}: invalid NIST SP 800-53 control id '{raw}'")
    family, number, enhancement = match.groups()
    text = f"{family}-{int(number)}"
    if enhancement is not None:
        text += f"({int(enhancement)})"
    return text


def read_tactics(path):
    tactics = []
    for line, row in enumerate(read_csv(path, ["tactic_id", "name", "shortname"]), start=2):
        if not re.match(r"^TA\d{4}$", row["tactic_id"]):
            fail(f"{path}:{line}: invalid tactic id '{row['tactic_id']}'")
        tactics.append({"id": row["tactic_id"], "name": row["name"], "shortname": row["shortname"]})
    return tactics


def read_techniques(path, tactic_ids_by_shortname):
    techniques = {}
    for line, row in enumerate(read_csv(path, ["technique_id", "name", "tactics"]), start=2):
        technique_id = row["technique_id"].strip()
        if not TECHNIQUE_ID.match(technique_id):
            fail(f"{path}:{line}: invalid technique id '{technique_id}'")
        tactic_ids = []
        for shortname in filter(None, (t.strip() for t in row["tactics"].split(";"))):
            if shortname not in tactic_ids_by_shortname:
                fail(f"{path}:{line}: unknown tactic '{shortname}' for {technique_id}")
            tactic_ids.append(tactic_ids_by_shortname[shortname])
        techniques[technique_id] = {"id": technique_id, "name": row["name"], "tactics": tactic_ids}
    return techniques


def read_mapping_file(path):
    """Read one Mappings Explorer file; return (key, version record, control names, relations)."""
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    metadata = document.get("metadata")
    if not isinstance(metadata, dict) or not isinstance(document.get("mapping_objects"), list):
        fail(f"{path}: not a Mappings Explorer file (metadata or mapping_objects missing)")
    key = FRAMEWORKS.get((metadata.get("mapping_framework"), metadata.get("mapping_framework_version")))
    if key is None:
        return None

    version = {
        "key": key,
        "framework": metadata["mapping_framework"],
        "framework_version": metadata["mapping_framework_version"],
        "attack_version": metadata["attack_version"],
        "technology_domain": metadata.get("technology_domain"),
        "last_update": metadata.get("last_update"),
        "file": os.path.basename(path),
    }
    names = {}
    relations = {}
    for index, mapping in enumerate(document["mapping_objects"]):
        where = f"{path} mapping_objects[{index}]"
        if mapping.get("status") != "complete" or not mapping.get("capability_id"):
            continue
        technique_id = (mapping.get("attack_object_id") or "").strip().upper()
        if not TECHNIQUE_ID.match(technique_id):
            fail(f"{where}: invalid attack_object_id '{mapping.get('attack_object_id')}'")
        if key == "nist_800_53_r5":
            control_id = normalise_nist_id(mapping["capability_id"], where)
            names[control_id] = {"name": mapping.get("capability_description") or control_id}
        else:
            control_id = mapping["capability_id"].strip()
            match = CRI_ID.match(control_id)
            if not match:
                fail(f"{where}: invalid CRI Profile diagnostic statement id '{control_id}'")
            names[control_id] = {
                "name": mapping.get("capability_description") or control_id,
                "subcategory": match.group(1),
            }
        relation = mapping.get("mapping_type") or "related_to"
        relations.setdefault(technique_id, {}).setdefault(relation, set()).add(control_id)
    return key, version, names, relations


def control_sort_key(control_id):
    """Sort NIST ids as AC-2 < AC-2(1) < AC-10 and CRI ids by their numeric parts."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", control_id)]


def main(argv):
    if len(argv) not in (2, 3):
        fail("usage: generate-catalog.py SHARED_DATA_DIR [OUTPUT_FILE]")
    data_dir = argv[1]
    attack_dir = os.path.join(data_dir, "attack")
    mapping_dir = os.path.join(data_dir, "mappings")

    tactics_path, tactics_version = find_attack_csv(attack_dir, "tactics")
    techniques_path, attack_version = find_attack_csv(attack_dir, "techniques")
    if tactics_version != attack_version:
        fail(f"ATT&CK versions differ: tactics v{tactics_version}, techniques v{attack_version}")
    tactics = read_tactics(tactics_path)
    techniques = read_techniques(techniques_path, {t["shortname"]: t["id"] for t in tactics})

    versions = []
    controls = {key: {} for key in FRAMEWORKS.values()}
    unmatched = set()
    for path in sorted(glob.glob(os.path.join(mapping_dir, "*-enterprise.json"))):
        result = read_mapping_file(path)
        if result is None:
            print(f"generate-catalog: skipped {os.path.basename(path)} (framework not in the catalogue)",
                  file=sys.stderr)
            continue
        key, version, names, relations = result
        if any(v["key"] == key for v in versions):
            fail(f"{path}: a second mapping file for {key}")
        versions.append(version)
        controls[key].update(names)
        for technique_id, by_relation in relations.items():
            technique = techniques.get(technique_id)
            if technique is None:
                unmatched.add(technique_id)
                continue
            technique[key] = {
                relation: sorted(ids, key=control_sort_key) for relation, ids in sorted(by_relation.items())
            }
    missing = [key for key in FRAMEWORKS.values() if not any(v["key"] == key for v in versions)]
    if missing:
        fail(f"no mapping file found in {mapping_dir} for {missing}")

    catalog = {
        "format_version": 1,
        "generator": "scripts/generate-catalog.py",
        "attack": {"domain": "enterprise", "version": attack_version},
        "mapping_versions": versions,
        "tactics": tactics,
        "controls": {
            key: {cid: names[cid] for cid in sorted(names, key=control_sort_key)}
            for key, names in sorted(controls.items())
        },
        "techniques": [techniques[tid] for tid in sorted(techniques)],
        "unmatched_mapped_techniques": sorted(unmatched),
    }
    text = json.dumps(catalog, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    if len(argv) == 3:
        with open(argv[2], "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    else:
        sys.stdout.write(text)
    mapped = sum(1 for t in techniques.values() if any(k in t for k in FRAMEWORKS.values()))
    print(
        f"generate-catalog: ATT&CK v{attack_version}: {len(techniques)} techniques, {mapped} with controls, "
        f"{len(unmatched)} mapped ids not in this ATT&CK version",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main(sys.argv)
