"""What the API shows of products, shops and categories: read-only, amounts in whole đồng."""

from oscar.core.loading import get_model
from rest_framework import serializers

from vendors.models import Seller

Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")


class ShopBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Seller
        fields = ["slug", "shop_name"]


class ShopSerializer(serializers.ModelSerializer):
    kind = serializers.CharField(source="get_kind_display")
    ward = serializers.CharField(source="ward_name")
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Seller
        fields = ["slug", "shop_name", "kind", "ward", "url"]


class ProductSerializer(serializers.ModelSerializer):
    price = serializers.IntegerField(source="price_vnd", help_text="Whole đồng, VAT included.")
    in_stock = serializers.IntegerField(source="units_available")
    stars = serializers.IntegerField(source="ocop_stars", allow_null=True, help_text="OCOP stars in force.")
    shop = ShopBriefSerializer(source="shop_of")
    url = serializers.CharField(source="get_absolute_url")

    class Meta:
        model = Product
        fields = ["id", "title", "upc", "price", "in_stock", "stars", "shop", "url"]


class CategorySerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True, help_text="The path of names, “Thực phẩm > Trà”.")
    # Declared, not read from the column: the schema is then the same on SQLite and PostgreSQL
    # (a model's integer field gives the database's own bounds).
    depth = serializers.IntegerField(read_only=True, help_text="1 for a top category.")

    class Meta:
        model = Category
        fields = ["id", "name", "full_name", "slug", "depth"]
