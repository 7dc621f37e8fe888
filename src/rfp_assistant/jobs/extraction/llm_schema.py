"""Response models for the LLM extractor: field groups and the JSON schema each model call is given."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, create_model

from rfp_assistant.schemas.proposal import FieldSpec, field_specs

STATUSES = ("stated", "not_stated", "conflicting")


@dataclass(frozen=True)
class FieldGroup:
    """Fields asked for in one model call; `model_name` is also the JSON-schema name the endpoint sees."""

    name: str
    model_name: str
    title: str
    keys: tuple[str, ...]
    lead_pages: tuple[int, ...] = ()  # pages always sent first (the cover page names the company and date)


GROUPS: tuple[FieldGroup, ...] = (
    FieldGroup("identity_scope", "IdentityAndScope", "identity and scope",
               ("cdmo_name", "sites", "proposal_date", "proposal_validity_days", "modalities", "services_included",
                "assumptions"), lead_pages=(1,)),
    FieldGroup("capacity_capabilities", "CapacityAndCapabilities", "capacity and capabilities",
               ("max_bioreactor_volume_l", "bioreactor_type", "aseptic_fill_finish", "lyophilization",
                "high_containment")),
    FieldGroup("timeline", "Timeline", "timeline",
               ("first_available_gmp_slot", "tech_transfer_weeks", "process_development_weeks",
                "weeks_to_first_gmp_batch")),
    FieldGroup("commercial", "CommercialTerms", "commercial terms",
               ("pricing_model", "total_price", "gmp_batch_price", "tech_transfer_fee", "raw_material_markup_pct",
                "payment_terms", "cancellation_terms")),
    FieldGroup("quality_regulatory", "QualityAndRegulatory", "quality and regulatory record",
               ("last_fda_inspection_date", "last_fda_inspection_outcome", "fda_483_observations",
                "warning_letters_5y", "regulatory_approvals", "commercial_products_count")),
    FieldGroup("management_supply", "ProjectManagementAndSupply", "project management and supply",
               ("dedicated_project_manager", "reporting_cadence", "electronic_batch_records",
                "dual_sourcing_critical_materials", "similar_programs_count")),
)


# -- response models -----------------------------------------------------------------------------------------

_EVIDENCE_SCHEMA = {
    "type": "array",
    "description": "Quotes backing the value: each copied character for character from the page it names. "
                   "At least one when stated; one per value when conflicting; empty when not stated.",
    "items": {
        "type": "object",
        "properties": {
            "page": {"type": "integer", "description": "The page number from the <page number=...> tag."},
            "quote": {"type": "string", "description": "A sentence or shorter, copied exactly from that page."},
        },
        "required": ["page", "quote"],
        "additionalProperties": False,
    },
}
_STATUS_SCHEMA = {
    "type": "string", "enum": list(STATUSES),
    "description": "stated (the proposal gives the value), not_stated (it is silent: value null) or "
                   "conflicting (it gives different values in different places: value null).",
}


class _Lenient(BaseModel):
    """Accept whatever the model sends; each field is checked on its own afterwards (so one bad value
    costs one field, not the whole group)."""

    model_config = ConfigDict(extra="ignore")


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


def value_schema(spec: FieldSpec) -> dict[str, Any]:
    """JSON schema of one field's value as the model should give it (always nullable)."""
    enum = list(spec.enum)
    unit = f" in {spec.unit}" if spec.unit and spec.unit != "%" else " in percent" if spec.unit == "%" else ""
    kinds: dict[str, tuple[dict[str, Any], str]] = {
        "string": ({"type": "string"}, "Text in the proposal's own words."),
        "list_string": ({"type": "array", "items": {"type": "string"}},
                        "A list; each item in the proposal's own words."),
        "date": ({"type": "string"},
                 "ISO date YYYY-MM-DD; a month or quarter is its first day (Q3 2026 -> 2026-07-01)."),
        "int": ({"type": "integer"}, "A whole number; 0 only when the proposal says none."),
        "number": ({"type": "number"},
                   f"A number{unit}; a range gives its upper bound (10-12 -> 12); convert other units{unit}."),
        "bool": ({"type": "boolean"},
                 "true when the proposal says it offers this; false only when it says it does not."),
        "enum": ({"type": "string", "enum": enum}, "One of the allowed values."),
        "list_enum": ({"type": "array", "items": {"type": "string", "enum": enum}},
                      "Allowed values only, each one stated in the proposal."),
        "money": ({"type": "object",
                   "properties": {"amount": {"type": "number", "description": "Plain number: 1250000 for 1.25M."},
                                  "currency": {"type": "string", "description": "ISO 4217 code, e.g. USD, EUR."}},
                   "required": ["amount", "currency"], "additionalProperties": False},
                  "Amount and ISO 4217 currency."),
    }
    schema, rule = kinds[spec.type]
    return {**_nullable(schema), "description": f"{spec.question} ({spec.format}). {rule} Null unless stated."}


def _camel(key: str) -> str:
    return "".join(part.capitalize() for part in key.split("_"))


@lru_cache(maxsize=None)
def answer_model(key: str) -> type[BaseModel]:
    """Response model for one field: value (typed in the schema), status, evidence."""
    spec = field_specs()[key]
    return create_model(
        f"{_camel(key)}Answer",
        __base__=_Lenient,
        __doc__=f"{spec.label}: {spec.question}.",
        value=(Annotated[Any, WithJsonSchema(value_schema(spec))], Field(default=None)),
        status=(Annotated[Any, WithJsonSchema(_STATUS_SCHEMA)], Field(default_factory=lambda: "not_stated")),
        evidence=(Annotated[Any, WithJsonSchema(_EVIDENCE_SCHEMA)], Field(default_factory=list)),
    )


@lru_cache(maxsize=None)
def group_model(name: str) -> type[BaseModel]:
    """Response model for one field group (its class name is the schema name the endpoint receives)."""
    group = field_group(name)
    specs = field_specs()
    # A missing field is read as "no answer" (default None); the default_factory keeps it out of the schema.
    fields = {
        key: (answer_model(key), Field(default_factory=lambda: None, description=f"{specs[key].label}: "
                                       f"{specs[key].question}."))
        for key in group.keys
    }
    return create_model(group.model_name, __base__=_Lenient,
                        __doc__=f"Fields of a CDMO proposal: {group.title}.", **fields)


def field_group(name: str) -> FieldGroup:
    """The field group called `name`."""
    for group in GROUPS:
        if group.name == name:
            return group
    raise KeyError(name)
