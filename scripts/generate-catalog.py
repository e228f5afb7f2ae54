#!/usr/bin/env python3
"""Generate Skywarden's ATT&CK control catalogue from ATT&CK CSV exports and Mappings Explorer files.

Usage:
    python3 scripts/generate-catalog.py SHARED_DATA_DIR [OUTPUT_FILE [MAPPINGS_FILE]]

SHARED_DATA_DIR must contain:
    attack/attack-enterprise-techniques-v<VERSION>.csv   technique_id,name,tactics,platforms,is_subtechnique
    attack/attack-enterprise-tactics-v<VERSION>.csv      tactic_id,name,shortname
    mappings/nist_800_53-rev5_attack-<V>-enterprise.json Mappings Explorer (unified schema)
    mappings/cri_profile-v2.1_attack-<V>-enterprise.json Mappings Explorer (unified schema)
    mappings/*-enterprise.json                           any further Mappings Explorer files

The output (standard output when OUTPUT_FILE is absent) is the JSON resource that
dev.skywarden.core.catalog.ControlCatalog loads: NIST SP 800-53 r5 and CRI Profile only, for the
hunt path. MAPPINGS_FILE, when given, receives the full mappings catalogue that
dev.skywarden.core.mappings.MappingCatalog loads: every framework file in mappings/, each mapping
row with its technique, capability, mapping type and score, the capabilities' names and groups,
and the ATT&CK techniques with their tactics and platforms.

Both files hold ids, names, relations and scores only: no descriptions, comments or references
from the sources. VERIS files put a description in capability_description, so a VERIS
capability is named by the last part of its id instead. The output is deterministic, so running
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

# Labels and kinds of the frameworks the full mappings catalogue knows by name. A file of another
# framework gets its mapping_framework as key and label. "control" frameworks hold controls that
# posture checks can evidence; "capability" frameworks hold products and their features; "category"
# frameworks classify incidents. MappingCatalog derives keys with the same rule (FrameworkKeys).
FRAMEWORK_LABELS = {
    "nist_800_53_r5": ("NIST SP 800-53 r5", "control"),
    "nist_800_53_r4": ("NIST SP 800-53 r4", "control"),
    "cri_profile": ("CRI Profile (CSF 2.0)", "control"),
    "csa_ccm": ("CSA CCM", "control"),
    "veris": ("VERIS", "category"),
    "aws": ("AWS", "capability"),
    "azure": ("Azure", "capability"),
    "gcp": ("GCP", "capability"),
    "m365": ("M365", "capability"),
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


def framework_key(framework, version):
    """Return the catalogue key of a Mappings Explorer framework: nist_800_53_r5, aws, veris, ..."""
    if framework == "nist_800_53":
        match = re.match(r"^rev(\d+)$", version or "")
        return f"nist_800_53_r{match.group(1)}" if match else f"nist_800_53_{version}"
    return framework


def capability_name(key, capability_id, description):
    """Return the short name of a capability; VERIS ids end with the name and carry descriptions."""
    if key == "veris":
        parts = capability_id.split(".", 3)
        return parts[3] if len(parts) == 4 else capability_id
    return description or capability_id


def read_tactics(path):
    tactics = []
    for line, row in enumerate(read_csv(path, ["tactic_id", "name", "shortname"]), start=2):
        if not re.match(r"^TA\d{4}$", row["tactic_id"]):
            fail(f"{path}:{line}: invalid tactic id '{row['tactic_id']}'")
        tactics.append({"id": row["tactic_id"], "name": row["name"], "shortname": row["shortname"]})
    return tactics


def read_techniques(path, tactic_ids_by_shortname):
    techniques = {}
    for line, row in enumerate(
        read_csv(path, ["technique_id", "name", "tactics", "platforms"]), start=2
    ):
        technique_id = row["technique_id"].strip()
        if not TECHNIQUE_ID.match(technique_id):
            fail(f"{path}:{line}: invalid technique id '{technique_id}'")
        tactic_ids = []
        for shortname in filter(None, (t.strip() for t in row["tactics"].split(";"))):
            if shortname not in tactic_ids_by_shortname:
                fail(f"{path}:{line}: unknown tactic '{shortname}' for {technique_id}")
            tactic_ids.append(tactic_ids_by_shortname[shortname])
        platforms = [p.strip() for p in row["platforms"].split(";") if p.strip()]
        techniques[technique_id] = {
            "id": technique_id,
            "name": row["name"],
            "tactics": tactic_ids,
            "platforms": platforms,
        }
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


def read_full_mapping_file(path):
    """Read one Mappings Explorer file for the full catalogue; return its framework record.

    Records that are not complete (non_mappable, in_progress) are counted, not kept. A complete
    record without a technique or capability id is reported on standard error and skipped.
    """
    with open(path, encoding="utf-8") as handle:
        document = json.load(handle)
    metadata = document.get("metadata")
    if not isinstance(metadata, dict) or not isinstance(document.get("mapping_objects"), list):
        fail(f"{path}: not a Mappings Explorer file (metadata or mapping_objects missing)")
    framework = metadata.get("mapping_framework")
    version = metadata.get("mapping_framework_version")
    if not framework or not version or not metadata.get("attack_version"):
        fail(f"{path}: metadata lacks mapping_framework, mapping_framework_version or attack_version")
    key = framework_key(framework, version)
    label, kind = FRAMEWORK_LABELS.get(key, (key, "capability"))

    capabilities = {}
    rows = set()
    not_complete = 0
    for index, mapping in enumerate(document["mapping_objects"]):
        where = f"{os.path.basename(path)} mapping_objects[{index}]"
        if mapping.get("status") != "complete":
            not_complete += 1
            continue
        technique_id = (mapping.get("attack_object_id") or "").strip().upper()
        raw_capability = (mapping.get("capability_id") or "").strip()
        if not TECHNIQUE_ID.match(technique_id) or not raw_capability:
            print(f"generate-catalog: {where}: skipped, complete record without a valid technique "
                  f"or capability id ({mapping.get('attack_object_id')!r}, {raw_capability!r})",
                  file=sys.stderr)
            continue
        if key.startswith("nist_800_53"):
            capability_id = normalise_nist_id(raw_capability, where)
        else:
            capability_id = raw_capability
        if capability_id not in capabilities:
            capabilities[capability_id] = [
                capability_name(key, capability_id, mapping.get("capability_description")),
                mapping.get("capability_group") or "",
            ]
        rows.add((
            technique_id,
            capability_id,
            mapping.get("mapping_type") or "",
            mapping.get("score_category") or "",
            mapping.get("score_value") or "",
            mapping.get("attack_object_name") or "",
        ))
    return {
        "key": key,
        "label": label,
        "kind": kind,
        "framework": framework,
        "framework_version": version,
        "attack_version": metadata["attack_version"],
        "technology_domain": metadata.get("technology_domain"),
        "creation_date": metadata.get("creation_date"),
        "last_update": metadata.get("last_update"),
        "file": os.path.basename(path),
        "mapping_types": {
            name: (value or {}).get("name", name)
            for name, value in sorted((metadata.get("mapping_types") or {}).items())
        },
        "capability_groups": dict(sorted((metadata.get("capability_groups") or {}).items())),
        "not_complete": not_complete,
        "capabilities": capabilities,
        "rows": rows,
    }


def build_mappings_catalog(mapping_dir, attack_version, tactics, techniques):
    """Build the full mappings catalogue: every framework file, each mapping row kept."""
    frameworks = []
    names_of_unmatched = {}
    for path in sorted(glob.glob(os.path.join(mapping_dir, "*-enterprise.json"))):
        framework = read_full_mapping_file(path)
        if any(f["key"] == framework["key"] for f in frameworks):
            fail(f"{path}: a second mapping file for {framework['key']}")
        frameworks.append(framework)
        for row in framework["rows"]:
            if row[0] not in techniques and row[5]:
                names_of_unmatched.setdefault(row[0], row[5])
    if not frameworks:
        fail(f"no Mappings Explorer files (*-enterprise.json) in {mapping_dir}")

    entries = [
        {"id": t["id"], "name": t["name"], "tactics": t["tactics"], "platforms": t["platforms"]}
        for t in (techniques[tid] for tid in sorted(techniques))
    ]
    mapped_only = sorted({row[0] for f in frameworks for row in f["rows"]} - set(techniques))
    for technique_id in mapped_only:
        entries.append({
            "id": technique_id,
            "name": names_of_unmatched.get(technique_id, technique_id),
            "tactics": [],
            "platforms": [],
            "in_attack": False,
        })
    for framework in frameworks:
        framework["capabilities"] = {
            cid: framework["capabilities"][cid]
            for cid in sorted(framework["capabilities"], key=control_sort_key)
        }
        framework["mappings"] = [
            list(row[:5]) for row in sorted(framework.pop("rows"), key=lambda r: (
                r[0], control_sort_key(r[1]), r[2], r[3], r[4]))
        ]
    frameworks.sort(key=lambda f: f["key"])
    return {
        "format_version": 1,
        "generator": "scripts/generate-catalog.py",
        "attack": {"domain": "enterprise", "version": attack_version},
        "tactics": tactics,
        "techniques": entries,
        "frameworks": frameworks,
    }


def dump_mappings_catalog(catalog):
    """Write JSON with one technique, capability or mapping row per line, for readable diffs."""
    def compact(value):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))

    lines = ["{"]
    for name in ("format_version", "generator", "attack", "tactics"):
        lines.append(f" {compact(name)}:{compact(catalog[name])},")
    lines.append(' "techniques":[')
    lines.append(",\n".join("  " + compact(t) for t in catalog["techniques"]))
    lines.append(" ],")
    lines.append(' "frameworks":[')
    blocks = []
    for framework in catalog["frameworks"]:
        block = ["  {"]
        for name, value in framework.items():
            if name in ("capabilities", "mappings"):
                continue
            block.append(f"   {compact(name)}:{compact(value)},")
        block.append('   "capabilities":{')
        block.append(",\n".join(
            f"    {compact(cid)}:{compact(value)}" for cid, value in framework["capabilities"].items()))
        block.append("   },")
        block.append('   "mappings":[')
        block.append(",\n".join("    " + compact(row) for row in framework["mappings"]))
        block.append("   ]")
        block.append("  }")
        blocks.append("\n".join(block))
    lines.append(",\n".join(blocks))
    lines.append(" ]")
    lines.append("}")
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) not in (2, 3, 4):
        fail("usage: generate-catalog.py SHARED_DATA_DIR [OUTPUT_FILE [MAPPINGS_FILE]]")
    data_dir = argv[1]
    attack_dir = os.path.join(data_dir, "attack")
    mapping_dir = os.path.join(data_dir, "mappings")

    tactics_path, tactics_version = find_attack_csv(attack_dir, "tactics")
    techniques_path, attack_version = find_attack_csv(attack_dir, "techniques")
    if tactics_version != attack_version:
        fail(f"ATT&CK versions differ: tactics v{tactics_version}, techniques v{attack_version}")
    tactics = read_tactics(tactics_path)
    techniques = read_techniques(techniques_path, {t["shortname"]: t["id"] for t in tactics})
    if len(argv) == 4:
        mappings = build_mappings_catalog(mapping_dir, attack_version, tactics, techniques)
        with open(argv[3], "w", encoding="utf-8", newline="\n") as handle:
            handle.write(dump_mappings_catalog(mappings))
        rows = sum(len(f["mappings"]) for f in mappings["frameworks"])
        print(
            f"generate-catalog: mappings catalogue: {len(mappings['frameworks'])} frameworks, "
            f"{rows} mapping rows",
            file=sys.stderr,
        )

    versions = []
    controls = {key: {} for key in FRAMEWORKS.values()}
    unmatched = set()
    for path in sorted(glob.glob(os.path.join(mapping_dir, "*-enterprise.json"))):
        result = read_mapping_file(path)
        if result is None:
            print(f"generate-catalog: skipped {os.path.basename(path)} (framework not in the hunt catalogue)",
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
        # Platforms stay out of the hunt catalogue; the mappings catalogue carries them.
        "techniques": [
            {k: v for k, v in techniques[tid].items() if k != "platforms"} for tid in sorted(techniques)
        ],
        "unmatched_mapped_techniques": sorted(unmatched),
    }
    text = json.dumps(catalog, indent=1, ensure_ascii=False, sort_keys=False) + "\n"
    if len(argv) >= 3:
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
