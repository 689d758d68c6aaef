"""The programmes p135 knows, with their structure: which projects (dự án) and sub-projects
(tiểu dự án) each has, by number, so that a plan's `project: "5.1"` is checked against its
programme (G102) and plans are compared by programme, not by spelling.

Each programme is named by the decision that approved it. The numbers of projects and of
sub-projects are the decisions'; a project's name is given where p135 could read it as the
programme's own reports and the provinces' documents quote it (shown beside the number; it is
never used to judge a plan's wording), and left out where it could not.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Project:
    """One project of a programme: its name where known, and how many sub-projects it has."""

    name: str | None = None
    sub_projects: int = 0


@dataclass(frozen=True)
class Programme:
    id: str
    name: str
    decision: str
    """The decision that approved it: number, date."""
    start: int
    end: int
    projects: dict[int, Project] = field(default_factory=dict)
    """By number; empty when the programme is not divided into numbered projects."""


PROGRAMMES: dict[str, Programme] = {
    programme.id: programme
    for programme in (
        Programme(
            "giam-ngheo-2016-2020",
            "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2016-2020",
            "1722/QĐ-TTg, 02/9/2016",
            2016,
            2020,
            {
                1: Project("Chương trình 30a", 3),
                2: Project("Chương trình 135", 3),
                3: Project(
                    "Hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế và nhân rộng mô hình giảm "
                    "nghèo trên địa bàn các xã ngoài Chương trình 30a và Chương trình 135"
                ),
                4: Project("Truyền thông và giảm nghèo về thông tin"),
                5: Project("Nâng cao năng lực và giám sát, đánh giá thực hiện Chương trình"),
            },
        ),
        Programme(
            "p135-2016-2020",
            "Chương trình 135 giai đoạn 2016-2020",
            "1722/QĐ-TTg, 02/9/2016 (Dự án 2)",
            2016,
            2020,
            {
                1: Project("Hỗ trợ đầu tư cơ sở hạ tầng"),
                2: Project(
                    "Hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế và nhân rộng mô hình giảm "
                    "nghèo"
                ),
                3: Project("Nâng cao năng lực cho cộng đồng và cán bộ cơ sở"),
            },
        ),
        Programme(
            "ntm-2016-2020",
            "Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2016-2020",
            "1600/QĐ-TTg, 16/8/2016",
            2016,
            2020,
        ),
        Programme(
            "mtqg-1719",
            "Chương trình mục tiêu quốc gia phát triển kinh tế - xã hội vùng đồng bào dân tộc "
            "thiểu số và miền núi giai đoạn 2021-2030",
            "1719/QĐ-TTg, 14/10/2021",
            2021,
            2030,
            {
                1: Project(
                    "Giải quyết tình trạng thiếu đất ở, nhà ở, đất sản xuất, nước sinh hoạt"
                ),
                2: Project("Quy hoạch, sắp xếp, bố trí, ổn định dân cư ở những nơi cần thiết"),
                3: Project(
                    "Phát triển sản xuất nông, lâm nghiệp bền vững, phát huy tiềm năng, thế mạnh "
                    "của các vùng miền để sản xuất hàng hóa theo chuỗi giá trị",
                    2,
                ),
                4: Project(
                    "Đầu tư cơ sở hạ tầng thiết yếu, phục vụ sản xuất, đời sống trong vùng đồng "
                    "bào dân tộc thiểu số và miền núi",
                    2,
                ),
                5: Project("Phát triển giáo dục đào tạo nâng cao chất lượng nguồn nhân lực", 4),
                6: Project(
                    "Bảo tồn, phát huy giá trị văn hóa truyền thống tốt đẹp của các dân tộc "
                    "thiểu số gắn với phát triển du lịch"
                ),
                7: Project(
                    "Chăm sóc sức khỏe Nhân dân, nâng cao thể trạng, tầm vóc người dân tộc thiểu "
                    "số; phòng chống suy dinh dưỡng trẻ em"
                ),
                8: Project(
                    "Thực hiện bình đẳng giới và giải quyết những vấn đề cấp thiết đối với phụ "
                    "nữ và trẻ em"
                ),
                9: Project(None, 2),
                10: Project(None, 3),
            },
        ),
        Programme(
            "giam-ngheo-2021-2025",
            "Chương trình mục tiêu quốc gia giảm nghèo bền vững giai đoạn 2021-2025",
            "90/QĐ-TTg, 18/01/2022",
            2021,
            2025,
            {
                1: Project("Hỗ trợ đầu tư phát triển hạ tầng kinh tế - xã hội các huyện nghèo", 2),
                2: Project("Đa dạng hóa sinh kế, phát triển mô hình giảm nghèo"),
                3: Project("Hỗ trợ phát triển sản xuất, cải thiện dinh dưỡng", 2),
                4: Project("Phát triển giáo dục nghề nghiệp, việc làm bền vững", 3),
                5: Project("Hỗ trợ nhà ở cho hộ nghèo, hộ cận nghèo trên địa bàn các huyện nghèo"),
                6: Project("Truyền thông và giảm nghèo về thông tin", 2),
                7: Project("Nâng cao năng lực và giám sát, đánh giá Chương trình"),
            },
        ),
        Programme(
            "ntm-2021-2025",
            "Chương trình mục tiêu quốc gia xây dựng nông thôn mới giai đoạn 2021-2025",
            "263/QĐ-TTg, 22/02/2022",
            2021,
            2025,
        ),
    )
}


def project_numbers(text: str) -> tuple[int, ...] | None:
    """`"5.1"` as (5, 1), `"4"` as (4,); None for anything else (`"5.a"`, `""`)."""
    parts = text.strip().split(".")
    if not all(part.isascii() and part.isdigit() for part in parts):
        return None
    return tuple(int(part) for part in parts)


def missing_project(programme: Programme, numbers: tuple[int, ...]) -> str | None:
    """What of `numbers` the programme lacks: `project` (no such dự án), `sub_project` (no
    such tiểu dự án), or None when both exist. A third number (nội dung) is not known."""
    project = programme.projects.get(numbers[0])
    if project is None:
        return "project"
    if len(numbers) > 1 and not 1 <= numbers[1] <= project.sub_projects:
        return "sub_project"
    return None
