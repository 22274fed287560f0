"""Writing essays: the metadata block, a new essay's template, and the checks that
``invoke check`` and every build run on the content.

| module | job |
|---|---|
| ``frontmatter`` | read the metadata block with line numbers; ``#`` comment lines in it |
| ``new`` | write a new essay from the template |
| ``documents`` | find the essays and pages Pelican will read, and read them |
| ``metadata`` | check each metadata block, and slugs across files |
| ``topics`` | check the vocabulary and each essay's topics |
| ``body`` | check the links: links that lead nowhere |
| ``markup`` | check the HTML: what the sanitizer would drop, plain-text and URL fields |
| ``located`` | find the source line of what the rendered HTML holds |
| ``problems`` | a problem per line, and the report |
| ``check`` | run every check: ``check_site(settings)`` |
"""
