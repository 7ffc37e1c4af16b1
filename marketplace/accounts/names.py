"""A person's name as Vietnamese writes it: the family name first ("Bùi Đức Sơn").

Accounts keep Django's two fields: `last_name` the family name, `first_name` the given names (the
demo and the profile form), or the whole name in `last_name` (an account made at checkout). Read
in that order, both give the name as written; Django's own `get_full_name` reads them the other
way ("Đức Sơn Bùi"), so the accounts app makes the user model's one reading this one.
"""


def full_name(user) -> str:
    return " ".join(part for part in (user.last_name.strip(), user.first_name.strip()) if part)
