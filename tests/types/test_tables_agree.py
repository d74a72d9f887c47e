"""While the per-type tables are replaced stage by stage: the registry says what they say."""

from portal.frontmatter.schema import TYPES
from portal.scaffold import HELP
from portal.types import REGISTRY


def test_registry_schema_equals_the_old_tables():
    assert list(TYPES) == list(REGISTRY)
    for kind, schema in TYPES.items():
        assert REGISTRY[kind].schema == schema, kind
        assert list(REGISTRY[kind].schema) == list(schema), kind
        for name, spec in REGISTRY[kind].fields.items():
            if spec.field.forbidden:
                continue
            example, meaning = HELP[name]
            assert spec.help == meaning, (kind, name)
            if not spec.field.required:
                assert spec.example == example, (kind, name)
