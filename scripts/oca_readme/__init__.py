# OCA's oca-gen-addon-readme, vendored unchanged from OCA/maintainer-tools
# (tools/gen_addon_readme.py, gen_addon_readme.rst.jinja, _hash.py,
# gitutils.py, manifest.py at commit b89f767503be6ab2b11e4f50a7557cb20066e667,
# the revision OCA's addons repository template pins for Odoo 18.0).
# maintainer-tools is not published on PyPI and this project's machines reach
# no git hosting, so the pre-commit hook runs this copy. Licence: AGPL-3
# (maintainer-tools' LICENSE.txt; _hash.py is LGPL-3).
