"""What the demo sells: real Quảng Ninh OCOP goods by group, with prices in whole đồng.

Each entry: (name, category, price range in VND, pack sizes). Names are the goods the province
actually markets; producers and exact prices are invented.
"""

from vendors.models import OcopGroup

# Top-level categories are the six OCOP groups; the second level groups similar goods.
GROUP_CATEGORIES = {
    OcopGroup.FOOD: ("Thực phẩm", ["Hải sản", "Đặc sản chế biến", "Nông sản"]),
    OcopGroup.BEVERAGE: ("Đồ uống", ["Trà", "Rượu", "Nước uống"]),
    OcopGroup.HERBAL: ("Thảo dược", ["Dược liệu", "Tinh dầu"]),
    OcopGroup.HANDICRAFT: ("Thủ công mỹ nghệ", ["Gốm sứ", "Đồ thủ công"]),
    OcopGroup.ORNAMENTAL: ("Sinh vật cảnh", ["Hoa lan", "Cây cảnh"]),
    OcopGroup.TOURISM: ("Du lịch cộng đồng", ["Trải nghiệm"]),
}

GOODS = {
    OcopGroup.FOOD: [
        ("Chả mực Hạ Long", "Đặc sản chế biến", (320_000, 480_000), ["hộp 500 g", "túi 1 kg", "hộp 300 g"]),
        ("Sá sùng khô Vân Đồn", "Hải sản", (2_800_000, 4_200_000), ["gói 100 g", "hộp 250 g"]),
        ("Miến dong Bình Liêu", "Nông sản", (75_000, 130_000), ["gói 500 g", "gói 1 kg"]),
        ("Ruốc hàu Vân Đồn", "Đặc sản chế biến", (120_000, 190_000), ["hũ 200 g", "hũ 350 g"]),
        ("Nước mắm Cái Rồng", "Đặc sản chế biến", (90_000, 180_000), ["chai 500 ml", "chai 1 lít"]),
        ("Hàu sữa Vân Đồn", "Hải sản", (60_000, 110_000), ["túi 1 kg", "thùng 5 kg"]),
        ("Tôm he khô Quảng Yên", "Hải sản", (950_000, 1_450_000), ["gói 250 g", "hộp 500 g"]),
        ("Gạo nếp cái hoa vàng Đông Triều", "Nông sản", (45_000, 70_000), ["túi 2 kg", "túi 5 kg"]),
        ("Dầu sở Bình Liêu", "Nông sản", (180_000, 260_000), ["chai 500 ml", "chai 1 lít"]),
        ("Gà đồi Tiên Yên", "Nông sản", (180_000, 250_000), ["con 1,5 kg", "con 2 kg"]),
        ("Bánh gio Đầm Hà", "Đặc sản chế biến", (40_000, 65_000), ["chục 10 chiếc"]),
        ("Mật ong rừng Ba Chẽ", "Nông sản", (280_000, 420_000), ["chai 500 ml", "chai 1 lít"]),
        ("Ngán Quảng Ninh", "Hải sản", (150_000, 220_000), ["túi 1 kg"]),
        ("Na dai Đông Triều", "Nông sản", (55_000, 85_000), ["hộp 2 kg", "thùng 5 kg"]),
        ("Vải chín sớm Phương Nam", "Nông sản", (40_000, 70_000), ["hộp 2 kg", "thùng 5 kg"]),
        ("Cam Vân Đồn", "Nông sản", (45_000, 75_000), ["túi 3 kg", "thùng 10 kg"]),
        ("Khoai môn Bình Liêu", "Nông sản", (35_000, 55_000), ["túi 3 kg"]),
        ("Chả cá Cô Tô", "Đặc sản chế biến", (240_000, 320_000), ["hộp 500 g"]),
        ("Mực một nắng Cô Tô", "Hải sản", (520_000, 680_000), ["túi 500 g", "túi 1 kg"]),
    ],
    OcopGroup.BEVERAGE: [
        ("Trà hoa vàng Ba Chẽ", "Trà", (350_000, 1_200_000), ["hộp 50 g", "hộp 100 g", "túi lọc 20 gói"]),
        ("Rượu ba kích Ba Chẽ", "Rượu", (250_000, 450_000), ["chai 500 ml", "bình 1,5 lít"]),
        ("Rượu mơ Yên Tử", "Rượu", (180_000, 320_000), ["chai 500 ml", "chai 750 ml"]),
        ("Trà hoa sở Bình Liêu", "Trà", (120_000, 220_000), ["hộp 100 g"]),
        ("Trà túi lọc hoa vàng", "Trà", (150_000, 260_000), ["hộp 25 gói"]),
        ("Nước cốt gừng Hoành Bồ", "Nước uống", (65_000, 95_000), ["chai 330 ml", "lốc 6 chai"]),
        ("Trà xạ đen Yên Tử", "Trà", (90_000, 160_000), ["túi 250 g", "túi 500 g"]),
    ],
    OcopGroup.HERBAL: [
        ("Ba kích tím Ba Chẽ", "Dược liệu", (400_000, 750_000), ["túi 500 g", "túi 1 kg"]),
        ("Cao xạ đen Yên Tử", "Dược liệu", (350_000, 600_000), ["hũ 100 g"]),
        ("Tinh dầu quế Tiên Yên", "Tinh dầu", (120_000, 220_000), ["chai 10 ml", "chai 50 ml"]),
        ("Hoa hồi khô Bình Liêu", "Dược liệu", (180_000, 280_000), ["túi 500 g"]),
        ("Nấm linh chi Hoành Bồ", "Dược liệu", (450_000, 900_000), ["hộp 250 g", "hộp 500 g"]),
        ("Tinh dầu sả Hải Hà", "Tinh dầu", (90_000, 160_000), ["chai 30 ml"]),
    ],
    OcopGroup.HANDICRAFT: [
        (
            "Gốm Đông Triều",
            "Gốm sứ",
            (250_000, 2_400_000),
            ["bình hoa men rạn", "bộ ấm chén", "đĩa trang trí", "lọ men lam"],
        ),
        ("Tranh than đá Hạ Long", "Đồ thủ công", (450_000, 3_500_000), ["khổ 30×40 cm", "khổ 60×80 cm"]),
        ("Chổi đót Bình Liêu", "Đồ thủ công", (45_000, 90_000), ["chiếc", "bó 5 chiếc"]),
        ("Thổ cẩm Dao Thanh Phán", "Đồ thủ công", (280_000, 850_000), ["khăn", "túi đeo"]),
        ("Đồ gỗ mỹ nghệ Hoành Bồ", "Đồ thủ công", (350_000, 1_800_000), ["hộp trà", "khay gỗ"]),
    ],
    OcopGroup.ORNAMENTAL: [
        ("Lan rừng Ba Chẽ", "Hoa lan", (250_000, 900_000), ["chậu nhỏ", "chậu lớn"]),
        ("Cây trà hoa vàng giống", "Cây cảnh", (150_000, 450_000), ["cây 1 năm", "cây 3 năm"]),
        ("Bonsai sam Cô Tô", "Cây cảnh", (1_200_000, 5_500_000), ["chậu"]),
    ],
    OcopGroup.TOURISM: [
        ("Tour vườn Hoành Bồ", "Trải nghiệm", (250_000, 450_000), ["vé người lớn", "vé trẻ em"]),
        ("Trải nghiệm làng Yên Đức", "Trải nghiệm", (300_000, 550_000), ["vé nửa ngày", "vé cả ngày"]),
        ("Lễ hội cam Vân Đồn – vé tham quan vườn", "Trải nghiệm", (100_000, 180_000), ["vé"]),
    ],
}

# How the article's 432 products spread over the groups (food dominates, as on the real floor).
GROUP_SHARES = {
    OcopGroup.FOOD: 230,
    OcopGroup.BEVERAGE: 80,
    OcopGroup.HERBAL: 52,
    OcopGroup.HANDICRAFT: 40,
    OcopGroup.ORNAMENTAL: 18,
    OcopGroup.TOURISM: 12,
}

GRADES = ["", "loại đặc biệt", "loại 1", "truyền thống", "cao cấp", "quà biếu", "nguyên chất"]

FAMILY_NAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô", "Lý", "Đinh"]
MIDDLE_NAMES = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu", "Ngọc", "Quang"]
GIVEN_NAMES = [
    "An",
    "Bình",
    "Chi",
    "Dũng",
    "Hà",
    "Hải",
    "Hoa",
    "Hùng",
    "Lan",
    "Linh",
    "Long",
    "Mai",
    "Nam",
    "Nga",
    "Phúc",
    "Quyên",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trung",
    "Tuấn",
    "Vân",
    "Yến",
]

# Trading names cooperatives and enterprises like to take.
BRANDS = [
    "Phúc Lộc",
    "Thành Đạt",
    "Hưng Thịnh",
    "An Khang",
    "Bình An",
    "Tân Tiến",
    "Hoàng Gia",
    "Minh Phát",
    "Đại Dương",
    "Hải Đăng",
    "Xanh",
    "Sao Biển",
    "Vạn Xuân",
    "Kim Long",
    "Đồng Tâm",
    "Thịnh Vượng",
    "Hòa Bình",
    "Quê Hương",
    "Bạch Đằng",
    "Yên Tử",
    "Rồng Vàng",
    "Thiên Phú",
]
