"""Builds the database of a shop running the original Django Meiduo, twice from the same rows: as the Django SQLite
file (`db.sqlite3`, tables as Django's SQLite backend creates them) and as a `mysqldump` file (CREATE TABLE + extended
INSERTs). Passwords are hashed as Django's PBKDF2PasswordHasher does, with hashlib.pbkdf2_hmac.

stdin: {"sqlite": path, "dump": path}; stdout: {"passwords": {username: password}}.
"""
import base64
import hashlib
import json
import sqlite3
import sys

# Django 1.11's default (the original Meiduo's era); fast enough for a test.
ITERATIONS = 36000


def django_hash(password, salt):
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt.encode(), ITERATIONS)
    return "pbkdf2_sha256$%d$%s$%s" % (ITERATIONS, salt, base64.b64encode(digest).decode("ascii").strip())


T = "2019-03-01 08:30:00.123456"
T2 = "2019-03-02 09:00:00.000000"

# table -> (columns, sqlite types, rows); columns in the order Django's migrations created them
TABLES = {
    "tb_areas": (["id", "name", "parent_id"], ["integer", "varchar(20)", "integer"], [
        (110000, "北京市", None), (110100, "北京市", 110000), (110101, "东城区", 110100),
    ]),
    "tb_goods_category": (["id", "create_time", "update_time", "name", "parent_id"],
                          ["integer", "datetime", "datetime", "varchar(10)", "integer"], [
        (1, T, T, "手机", None), (38, T, T, "手机通讯", 1), (115, T, T, "手机", 38),
    ]),
    "tb_brand": (["id", "create_time", "update_time", "name", "logo", "first_letter"],
                 ["integer", "datetime", "datetime", "varchar(20)", "varchar(100)", "varchar(1)"], [
        (1, T, T, "Apple", "group1/M00/00/02/apple.png", "A"),
    ]),
    "tb_goods": (["id", "create_time", "update_time", "name", "sales", "comments", "brand_id", "category1_id", "category2_id",
                  "category3_id", "desc_detail", "desc_pack", "desc_service"],
                 ["integer", "datetime", "datetime", "varchar(50)", "integer", "integer", "integer", "integer", "integer",
                  "integer", "text", "text", "text"], [
        (1, T, T, "Apple iPhone 8 Plus", 3, 1, 1, 1, 38, 115, "<p>详情</p>", "<p>包装</p>", "<p>售后</p>"),
    ]),
    "tb_sku": (["id", "create_time", "update_time", "name", "caption", "price", "cost_price", "market_price", "stock", "sales",
                "comments", "is_launched", "category_id", "goods_id", "default_image_url"],
               ["integer", "datetime", "datetime", "varchar(50)", "varchar(100)", "decimal", "decimal", "decimal", "integer",
                "integer", "integer", "bool", "integer", "integer", "varchar(200)"], [
        (1, T, T, "Apple iPhone 8 Plus (A1864) 64GB 金色", "选【移动优惠购】", "6499.00", "6000.00", "6698.00", 10, 3, 1, 1, 115, 1,
         "group1/M00/00/02/iphone-gold.jpg"),
        (2, T, T, "Apple iPhone 8 Plus (A1864) 256GB 深空灰", "大屏", "7988.50", "7000.00", "7988.50", 5, 0, 0, 1, 115, 1,
         "group1/M00/00/02/iphone-grey.jpg"),
    ]),
    "tb_users": (["id", "password", "last_login", "is_superuser", "username", "first_name", "last_name", "email", "is_staff",
                  "is_active", "date_joined", "mobile", "email_active", "default_address_id"],
                 ["integer", "varchar(128)", "datetime", "bool", "varchar(150)", "varchar(30)", "varchar(150)", "varchar(254)",
                  "bool", "bool", "datetime", "varchar(11)", "bool", "integer"], [
        (1, django_hash("alice-old-pass", "Ab3dE6gH9jK1"), T2, 0, "alice2019", "", "", "alice@example.com", 0, 1, T, "13811110001", 1, 11),
        (2, django_hash("bob-old-pass", "Zx9Cv8Bn7Mq2"), None, 0, "bobstaff", "", "", "", 1, 1, T, "13811110002", 0, None),
        (3, django_hash("root-old-pass", "Qw1Er2Ty3Ui4"), T2, 1, "rootadmin", "", "", "root@example.com", 1, 1, T, "13811110003", 0, None),
        (4, django_hash("carol-old-pass", "Lk5Jh6Gf7Ds8"), None, 0, "carol2019", "", "", "", 0, 0, T, "13811110004", 0, 14),
        (5, "md5$oldsalt$0b5d9f0a6c3b2e1d4f5a6b7c8d9e0f1a", None, 0, "davemd5", "", "", "", 0, 1, T, "13811110005", 0, None),
        (6, django_hash("erin-old-pass", "Po9Iu8Yt7Re6"), None, 0, "erin2019", "", "", "", 0, 1, T, "13899990006", 0, None),
    ]),
    "tb_address": (["id", "create_time", "update_time", "title", "receiver", "place", "mobile", "tel", "email", "is_deleted",
                    "city_id", "district_id", "province_id", "user_id"],
                   ["integer", "datetime", "datetime", "varchar(20)", "varchar(20)", "varchar(50)", "varchar(11)", "varchar(20)",
                    "varchar(30)", "bool", "integer", "integer", "integer", "integer"], [
        (11, T, T, "家", "Alice", "东长安街1号", "13811110001", "010-1234567", "alice@example.com", 0, 110100, 110101, 110000, 1),
        (12, T, T2, "旧公司", "Alice", "王府井大街8号", "13811110001", None, None, 1, 110100, 110101, 110000, 1),
        (13, T, T, "火星", "Carol", "不存在的地方", "13811110004", "", "", 0, 999901, 999902, 999900, 4),
        (14, T, T, "学校", "Carol", "学院路5号", "13811110004", "", "", 1, 110100, 110101, 110000, 4),
    ]),
    "tb_oauth_qq": (["id", "create_time", "update_time", "openid", "user_id"],
                    ["integer", "datetime", "datetime", "varchar(64)", "integer"], [
        (1, T, T, "QQOPENID-ALICE", 1),
        (2, T, T, "QQOPENID-ERIN", 6),
    ]),
    "tb_order_info": (["order_id", "create_time", "update_time", "total_count", "total_amount", "freight", "pay_method", "status",
                       "address_id", "user_id"],
                      ["varchar(64)", "datetime", "datetime", "integer", "decimal", "decimal", "smallint", "smallint",
                       "integer", "integer"], [
        ("20190301083000000000001", T, T, 1, "6509.00", "10.00", 2, 1, 11, 1),
        ("20190301083000000000002", T, T, 2, "13009.00", "10.00", 2, 2, 11, 1),
        ("20190301083000000000003", T, T, 1, "6509.00", "10.00", 1, 3, 11, 1),
        ("20190301083000000000004", T, T, 1, "7998.50", "10.00", 2, 4, 12, 1),
        ("20190301083000000000005", T, T, 1, "6499.00", "0.00", 2, 5, 12, 1),
        ("20190301083000000000006", T, T, 1, "6509.00", "10.00", 1, 6, 11, 1),
        ("20190301083000000000007", T, T, 1, "6509.00", "10.00", 2, 9, 11, 1),
    ]),
    "tb_order_goods": (["id", "create_time", "update_time", "count", "price", "comment", "score", "is_anonymous", "is_commented",
                        "order_id", "sku_id"],
                       ["integer", "datetime", "datetime", "integer", "decimal", "text", "smallint", "bool", "bool",
                        "varchar(64)", "integer"], [
        (1, T, T, 1, "6499.00", "", 5, 0, 0, "20190301083000000000001", 1),
        (2, T, T, 2, "6499.50", "", 5, 0, 0, "20190301083000000000002", 1),
        (3, T, T, 1, "6499.00", "", 5, 0, 0, "20190301083000000000003", 1),
        (4, T, T, 1, "7988.50", "", 5, 0, 0, "20190301083000000000004", 2),
        (5, T, T2, 1, "6499.00", "屏幕很大，很满意", 4, 1, 1, "20190301083000000000005", 1),
        (6, T, T, 1, "6499.00", "", 5, 0, 0, "20190301083000000000006", 1),
        (7, T, T, 1, "1.00", "", 5, 0, 0, "20190301083000000000003", 999),
    ]),
    "tb_payment": (["id", "create_time", "update_time", "trade_id", "order_id"],
                   ["integer", "datetime", "datetime", "varchar(100)", "varchar(64)"], [
        (1, T, T, "2019030122001400000000000002", "20190301083000000000002"),
        (2, T, T, "2019030122001400000000000004", "20190301083000000000004"),
        (3, T, T, "2019030122001400000000000005", "20190301083000000000005"),
        (4, T, T, None, "20190301083000000000001"),
    ]),
}

PASSWORDS = {"alice2019": "alice-old-pass", "bobstaff": "bob-old-pass", "rootadmin": "root-old-pass",
             "carol2019": "carol-old-pass", "erin2019": "erin-old-pass"}


def sqlite_value(column_type, value):
    # Django's SQLite backend stores decimals in a `decimal` (numeric) column: whole amounts come back as integers.
    if column_type == "decimal" and value is not None:
        number = float(value)
        return int(number) if number == int(number) else number
    return value


def write_sqlite(path):
    db = sqlite3.connect(path)
    db.execute('CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, '
               '"name" varchar(255) NOT NULL, "applied" datetime NOT NULL)')
    for table, (columns, types, rows) in TABLES.items():
        defs = ", ".join('"%s" %s%s' % (c, t, " NOT NULL PRIMARY KEY" if i == 0 else "") for i, (c, t) in enumerate(zip(columns, types)))
        db.execute('CREATE TABLE "%s" (%s)' % (table, defs))
        marks = ", ".join("?" for _ in columns)
        db.executemany('INSERT INTO "%s" VALUES (%s)' % (table, marks),
                       [[sqlite_value(t, v) for t, v in zip(types, row)] for row in rows])
    db.commit()
    db.close()


def mysql_literal(kind, value):
    if value is None:
        return "NULL"
    if isinstance(value, int) or kind == "decimal":
        return str(value)  # mysqldump writes numbers, decimals included, unquoted
    escaped = value.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n")
    return "'%s'" % escaped


MYSQL_TYPES = {"integer": "int(11)", "datetime": "datetime(6)", "bool": "tinyint(1)", "decimal": "decimal(10,2)",
               "smallint": "smallint(6)", "text": "longtext"}


def write_dump(path):
    out = ["-- MySQL dump 10.13  Distrib 5.7.22, for Linux (x86_64)", "--", "-- Host: localhost    Database: meiduo_mall", ""]
    for table, (columns, types, rows) in TABLES.items():
        out.append("DROP TABLE IF EXISTS `%s`;" % table)
        out.append("CREATE TABLE `%s` (" % table)
        for column, kind in zip(columns, types):
            out.append("  `%s` %s NOT NULL," % (column, MYSQL_TYPES.get(kind, kind)))
        out.append("  PRIMARY KEY (`%s`)" % columns[0])
        out.append(") ENGINE=InnoDB DEFAULT CHARSET=utf8;")
        out.append("LOCK TABLES `%s` WRITE;" % table)
        values = ",".join("(%s)" % ",".join(mysql_literal(t, v) for t, v in zip(types, row)) for row in rows)
        out.append("INSERT INTO `%s` VALUES %s;" % (table, values))
        out.append("UNLOCK TABLES;")
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(out) + "\n")


def main():
    request = json.load(sys.stdin)
    if request.get("sqlite"):
        write_sqlite(request["sqlite"])
    if request.get("dump"):
        write_dump(request["dump"])
    json.dump({"passwords": PASSWORDS, "iterations": ITERATIONS}, sys.stdout)


if __name__ == "__main__":
    main()
