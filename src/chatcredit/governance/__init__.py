"""Governance: who runs a group and answers for it, sanctions, public accounts and the
blacklist. Pure: records and the decisions over them; the shell reads and writes them."""
