"""Writes a schemathesis configuration (TOML) for one role of the demo data: dictionaries of
the ids that role can see, read through the API itself, bound to the path ids, query
parameters and body fields that take them, so that generated requests reach the use-cases
instead of stopping at 404 or 422 for a random UUID.

Usage: schemathesis-config.py BASE_URL TOKEN THROWAWAY_USER_ID > schemathesis.toml
(BASE_URL ends in /api/v1; THROWAWAY_USER_ID is the only user whose password may be reset.)
"""

import json
import sys
import urllib.error
import urllib.request

base, token, throwaway = sys.argv[1], sys.argv[2], sys.argv[3]


def get(path):
    req = urllib.request.Request(base + path, headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req) as res:
            return json.load(res)
    except urllib.error.HTTPError:
        return None


def ids(path, where=lambda item: True):
    body = get(path + ("&" if "?" in path else "?") + "limit=500")
    if not body:
        return []
    return [item["id"] for item in body.get("items", []) if where(item)]


orgs = get("/organisations?limit=500") or {"items": []}
kinds = {}
for o in orgs["items"]:
    kinds.setdefault(o["kind"], []).append(o["id"])
me = get("/me") or {}
own_org = me.get("organisation", {}).get("id")
dictionaries = {
    "orgs": [o["id"] for o in orgs["items"]] or ([own_org] if own_org else []),
    "institutions": kinds.get("medical_institution", []),
    "providers": kinds.get("provider", []) or ([own_org] if own_org else []),
    "offerings": ids("/offerings"),
    "contracts": ids("/contracts"),
    "risks": ids("/risks"),
    "devices": ids("/devices"),
    "notifications": ids("/notifications"),
    "catalogues": ids("/controls/catalogues"),
    "users": [throwaway],
}
agreements, components, flows = [], [], []
for c in dictionaries["contracts"][:20]:
    agreements += ids(f"/contracts/{c}/agreements")
for o in dictionaries["offerings"][:20]:
    components += ids(f"/offerings/{o}/components")
    flows += ids(f"/offerings/{o}/flows")
dictionaries.update(agreements=agreements, components=components, flows=flows)
dictionaries = {name: values for name, values in dictionaries.items() if values}

# Which dictionary each path's `id` takes.
path_ids = [
    ("^/organisations/", "orgs"),
    ("^/offerings/", "offerings"),
    ("^/contracts/", "contracts"),
    ("^/agreements/", "agreements"),
    ("^/risks/\\{id\\}", "risks"),
    ("^/devices/", "devices"),
    ("^/notifications/", "notifications"),
    ("^/controls/catalogues/", "catalogues"),
    ("^/institutions/", "institutions"),
    ("^/users/", "users"),
    ("^/flows/", "flows"),
    ("^/components/", "components"),
]
# Which dictionary the query parameters and body fields of these names take.
fields = {
    "query.offering": "offerings",
    "query.institution": "institutions",
    "query.provider": "providers",
    "query.org": "orgs",
    "query.version": "catalogues",
    "body.offering": "offerings",
    "body.supplier_offering": "offerings",
    "body.institution": "institutions",
    "body.provider": "providers",
    "body.supplier": "orgs",
    "body.contract_holder": "orgs",
    "body.selected_by": "orgs",
    "body.subcontractor": "orgs",
    "body.subcontractors[*]": "orgs",
    "body.org": "orgs",
    "body.flow": "flows",
    "body.components[*]": "components",
    "body.risks[*]": "risks",
    "body.measures[*].owner_org": "orgs",
    "body.entries[*].responsible.org": "orgs",
}


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


out = ["[cache]", "enabled = false", ""]
for name, values in dictionaries.items():
    out.append(f"[dictionaries.{name}]")
    out.append("values = [" + ", ".join(toml_str(v) for v in values) + "]")
    out.append("")
out.append("[parameters]")
for key, name in fields.items():
    if name in dictionaries:
        out.append(f"{toml_str(key)} = {{ dictionary = {toml_str(name)}, probability = 0.8 }}")
out.append("")
for regex, name in path_ids:
    if name not in dictionaries:
        continue
    out.append("[[operations]]")
    out.append(f"include-path-regex = {toml_str(regex)}")
    out.append(f"parameters = {{ \"path.id\" = {{ dictionary = {toml_str(name)}, probability = 0.8 }} }}")
    out.append("")
print("\n".join(out))
counts = ", ".join(f"{n} {len(v)}" for n, v in dictionaries.items())
print(f"known ids: {counts}", file=sys.stderr)
