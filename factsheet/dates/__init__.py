"""The date engine: normalise, tag, compose and resolve every temporal expression of a text,
and infer the article's own date. Pure functions of their inputs; the clock is never read."""
