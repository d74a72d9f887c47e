"""The Jinja context of the theme's environments: Jinja's own, with a cheaper ``derived``.

Jinja hands a ``pass_context`` function called inside a loop or a block (``_()`` in a menu, an
aside's months) a *derived* context: a copy of the whole context (Pelican's: some 250 names,
copied twice) with the loop's variables laid over it. ``PortalContext.derived`` shares the
parent mapping instead of copying it and copies only the context's own variables, with the
loop's over them: every name resolves to the same value (variables, then the loop's, over the
parent), and nothing writes to a parent mapping. ``portal.pagekeys.TrackingContext`` extends it.
"""

from __future__ import annotations

from typing import Any

from jinja2.runtime import Context
from jinja2.utils import missing


class PortalContext(Context):
    def derived(self, locals: dict[str, Any] | None = None) -> Context:
        context = self.environment.context_class(self.environment, self.parent, self.name, {})
        context.vars.update(self.vars)
        if locals:
            for key, value in locals.items():
                if value is not missing:
                    context.vars[key] = value
        context.eval_ctx = self.eval_ctx
        context.blocks.update((k, list(v)) for k, v in self.blocks.items())
        return context
