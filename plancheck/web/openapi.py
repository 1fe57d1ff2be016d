"""The OpenAPI 3 description of the web API (hand-written: the endpoints are few) and the rules listing."""

from __future__ import annotations

from typing import Any

from plancheck import __version__
from plancheck.catalogue import regimes
from plancheck.rules import registry
from plancheck.vocabulary import AUTHORITY_TYPES, CPA_CATEGORIES


def rules_catalogue() -> dict[str, Any]:
    """Every rule (code, name, requirement, severity, summary, how to fix) and each regime's requirements."""
    rules = [
        {
            "code": r.code,
            "name": r.name,
            "requirement": r.requirement,
            "severity": r.severity,
            "citation": r.citation,
            "summary": r.summary(),
            "how_to_fix": r.doc_sections().get("How to fix"),
        }
        for r in registry.ALL_RULES
    ]
    regs = [
        {
            "id": g.id,
            "title": g.title,
            "years": list(g.years),
            "tiers": list(g.tiers),
            "requirements": [
                {"id": q.id, "title": q.title, "citation": q.citation, "applies": dict(q.applies)}
                for q in g.requirements
            ],
        }
        for g in regimes().values()
    ]
    return {"rules": rules, "regimes": regs}


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }


def _check_form() -> dict[str, Any]:
    """The multipart body of POST /api/check (the same fields as the page's form)."""
    cpa = {"type": "string", "enum": list(CPA_CATEGORIES)}
    return {
        "type": "object",
        "required": ["file"],
        "properties": {
            "file": {
                "type": "string",
                "format": "binary",
                "description": "The plan: PDF, Word, ODT, RTF or HTML.",
            },
            "authority_type": {"type": "string", "enum": list(AUTHORITY_TYPES)},
            "cpa": {**cpa, "description": "CPA category or star rating."},
            "previous_cpa": {**cpa, "description": "The previous CPA category (Annex B)."},
            "year": {"type": "string", "pattern": "^(19|20)[0-9]{2}(/[0-9]{2})?$", "example": "2004/05"},
            "regime": {"type": "string", "enum": sorted(regimes())},
            "kind": {
                "type": "string",
                "enum": ["plan", "not_plan"],
                "description": "Say whether the document is a plan, overriding the classifier.",
            },
            "password": {"type": "string", "description": "Password for an encrypted PDF."},
        },
    }


def describe(max_upload_mb: int) -> dict[str, Any]:
    """The OpenAPI 3.1 document for the running server (its schemas are JSON Schema 2020-12)."""
    json_object = {"type": "object", "additionalProperties": True}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "plancheck",
            "version": __version__,
            "description": "Check a Best Value Performance Plan; reports follow the output contract.",
        },
        "paths": {
            "/api/check": {
                "post": {
                    "summary": "Check one plan and return the contract JSON report",
                    "description": (
                        "An unreadable file (malformed, encrypted without the right password) still gets "
                        "a report: document.kind 'unreadable' with document.reason."
                    ),
                    "requestBody": {
                        "required": True,
                        "content": {"multipart/form-data": {"schema": _check_form()}},
                    },
                    "responses": {
                        "200": {
                            "description": "The report",
                            "content": {
                                "application/json": {"schema": {"$ref": "#/components/schemas/Report"}}
                            },
                        },
                        "400": _error("A missing file or a malformed upload"),
                        "422": _error("An invalid option or an unknown field, named first in the error"),
                        "403": _error("A cross-site post"),
                        "408": _error("The upload stalled past the time allowed"),
                        "413": _error(f"The file is over the {max_upload_mb} MB limit"),
                        "415": _error("The content is not a format plancheck reads"),
                        "503": {
                            **_error("Too many checks at once; retry after the Retry-After seconds"),
                            "headers": {"Retry-After": {"schema": {"type": "integer"}}},
                        },
                    },
                }
            },
            "/api/rules": {
                "get": {
                    "summary": "The rules and each regime's requirements",
                    "responses": {
                        "200": {
                            "description": "The catalogue",
                            "content": {"application/json": {"schema": json_object}},
                        }
                    },
                }
            },
            "/healthz": {
                "get": {
                    "summary": "Liveness and load",
                    "responses": {
                        "200": {"description": "Up", "content": {"application/json": {"schema": json_object}}}
                    },
                }
            },
            "/openapi.json": {
                "get": {
                    "summary": "This description",
                    "responses": {
                        "200": {
                            "description": "OpenAPI 3",
                            "content": {"application/json": {"schema": json_object}},
                        }
                    },
                }
            },
        },
        "components": {
            "schemas": {
                "Error": {
                    "type": "object",
                    "required": ["error"],
                    "properties": {"error": {"type": "string", "description": "A one-line reason."}},
                },
                "Report": {
                    "type": "object",
                    "required": [
                        "plancheck_version",
                        "document",
                        "context",
                        "requirements",
                        "indicators",
                        "findings",
                        "summary",
                    ],
                    "properties": {
                        "plancheck_version": {"type": "string"},
                        "ruleset": {"type": "string"},
                        "document": {
                            "type": "object",
                            "required": ["path", "kind"],
                            "properties": {
                                "path": {"type": "string"},
                                "kind": {"type": "string", "enum": ["plan", "not_plan", "unreadable"]},
                                "reason": {"type": ["string", "null"]},
                            },
                        },
                        "context": json_object,
                        "requirements": {"type": "array", "items": json_object},
                        "indicators": {"type": "array", "items": json_object},
                        "findings": {"type": "array", "items": json_object},
                        "summary": {
                            "type": "object",
                            "required": ["verdict", "errors", "warnings"],
                            "properties": {
                                "verdict": {
                                    "type": "string",
                                    "enum": [
                                        "compliant",
                                        "non_compliant",
                                        "not_a_plan",
                                        "unreadable",
                                        "out_of_scope",
                                    ],
                                },
                                "errors": {"type": "integer"},
                                "warnings": {"type": "integer"},
                            },
                        },
                    },
                },
            }
        },
    }
