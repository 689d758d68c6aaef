"""Results reports the tests write out, shared by the test modules that need them."""

NINH_BINH_REPORT = """\
province: Ninh Bình
plan: Giảm nghèo bền vững
number_style: vi

report:
  kind: Báo cáo
  title: Kết quả giảm nghèo năm 2018
  publisher: Ủy ban nhân dân tỉnh Ninh Bình
  date: 20/12/2018

years:
  2018:
    count: {communes: 2, villages: 5}
    source: đoạn 2

results:
  - id: escaped_poverty
    text: 2.100 hộ thoát nghèo
    value: "2.100"
    unit: hộ
    source: đoạn 3
"""
