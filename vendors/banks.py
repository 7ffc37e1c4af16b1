"""Banks a seller may be paid into: short name and the NAPAS bank identifier (BIN) VietQR uses."""

BANKS = [
    ("VCB", "Vietcombank", "970436"),
    ("ICB", "VietinBank", "970415"),
    ("BIDV", "BIDV", "970418"),
    ("VBA", "Agribank", "970405"),
    ("TCB", "Techcombank", "970407"),
    ("MB", "MB Bank", "970422"),
    ("ACB", "ACB", "970416"),
    ("VPB", "VPBank", "970432"),
    ("STB", "Sacombank", "970403"),
    ("TPB", "TPBank", "970423"),
    ("VIB", "VIB", "970441"),
    ("SHB", "SHB", "970443"),
    ("HDB", "HDBank", "970437"),
    ("OCB", "OCB", "970448"),
    ("LPB", "LPBank", "970449"),
    ("SEAB", "SeABank", "970440"),
]
BANK_CHOICES = [(code, name) for code, name, _bin in BANKS]
BANK_NAMES = {code: name for code, name, _bin in BANKS}
