"""Demo content for a fresh install: invented stories in the paper's shape.

Every person, quote and agency here is made up for the demo; places are real
so the stories read like the paper's. `load_demo` turns this data into rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

SECTIONS = [
    ("Armenia", "armenia", "News from Yerevan and the regions.", 1),
    ("Community", "community", "The diaspora's schools, churches and clubs.", 2),
    ("Arts", "arts", "Music, books, film and the stage.", 3),
    # The paper's stories in Armenian have a section of their own, named in Armenian
    # ("Diaspora"): its address is the Armenian word.
    ("Սփյուռք", "սփյուռք", "Stories from the diaspora, some of them in Armenian.", 4),
]

# (name, kind, role, affiliation name or "", aliases)
SOURCES = [
    ("Araks News Agency", "outlet", "Wire service", "", ["Araks"]),
    ("Caucasus Wire Service", "outlet", "Wire service", "", ["CWS"]),
    ("Lake Sevan Radio", "outlet", "Radio station", "", []),
    ("Facebook", "outlet", "Social network", "", []),
    ("Armenian Ministry of Culture", "organization", "", "", ["Ministry of Culture"]),
    ("Gyumri City Council", "organization", "", "", ["city council"]),
    ("Hasmik Avetisyan", "person", "Mayor of Gyumri", "Gyumri City Council", []),
    ("Levon Barseghyan", "person", "Textile engineer and donor", "", []),
    ("Watertown School Committee", "organization", "", "", ["school committee"]),
    ("Nora Kazanjian", "person", "School Committee chair", "Watertown School Committee", []),
    ("Aram Tashjian", "person", "Parent", "", []),
    ("Tavush Regional Administration", "organization", "", "", ["regional administration"]),
    (
        "Gevorg Melikyan",
        "person",
        "Deputy governor of Tavush",
        "Tavush Regional Administration",
        [],
    ),
    ("Siranush Petrosyan", "person", "Village head of Aygehovit", "", []),
    ("Ani Grigorian", "person", "Composer", "", []),
    # Names as the people themselves write them, in Armenian, Greek, Turkish and Russian.
    ("Անի Հակոբյան", "person", "Director of the winter school", "", ["Ani Hakobyan"]),
    (
        "Ελένη Παπαδοπούλου",
        "person",
        "Teacher at the Armenian school of Thessaloniki",
        "",
        ["Eleni Papadopoulou"],
    ),
    ("Şükrü Yıldırım", "person", "Historian from Iğdır", "", ["Sukru Yildirim"]),
    ("Новости Кавказа", "outlet", "News agency", "", ["Caucasus News"]),
]


# Library documents the stories link to: (key, title, the lines on its page).
# A body names one as {document:key}; `load_demo` puts the file's address there.
DOCUMENTS = [
    (
        "mill-plan",
        "The textile mill's restoration plan",
        [
            "Gyumri Textile Mill: restoration plan",
            "Phase 1: roof and weaving hall",
            "Phase 2: studios and print workshop",
            "Phase 3: rehearsal room",
        ],
    ),
]


@dataclass
class DemoQuote:
    speaker: str
    text: str
    position: int
    via: str = ""
    is_pull_quote: bool = False


@dataclass
class DemoStory:
    headline: str
    dek: str
    section: str
    tags: list[str]
    body: str
    byline: str = ""
    # Demo authors (`authors.py`) on the story's bylines, in order.
    authors: list[str] = field(default_factory=list)
    dateline: str = ""
    credit: str = ""
    caption: str = ""
    photo_credit: str = ""
    alt: str = ""
    hours_ago: float = 24
    featured: bool = False
    status: str = "published"
    quotes: list[DemoQuote] = field(default_factory=list)
    colours: tuple[str, str] = ("#9b1c1c", "#f3efe4")


@dataclass
class DemoPicture:
    """A picture of the demo's media library; bodies name it by `key`."""

    key: str
    title: str
    caption: str
    credit: str
    alt: str
    colours: tuple[str, str]


# Placed in bodies as `data-image="loom"` or `data-gallery="hall,studio"`;
# the loader puts each picture's library number in its place.
PICTURES = [
    DemoPicture(
        "loom",
        "Restored loom, Gyumri mill",
        "The one loom that came back, found in a farm shed near Artik",
        "City of Gyumri",
        "An old iron loom with new wooden parts under a skylight",
        ("#5b3a1e", "#efe3cf"),
    ),
    DemoPicture(
        "studios",
        "Gyumri mill studios",
        "Twelve studios line the former dyeing floor",
        "Araks News Agency",
        "A corridor of glass-fronted rooms with easels and drawing tables",
        ("#29445b", "#e4ecf2"),
    ),
    DemoPicture(
        "print-shop",
        "Gyumri mill print workshop",
        "The print workshop keeps the mill's original floor tiles",
        "Araks News Agency",
        "Two printing presses on a floor of red and black tiles",
        ("#7a1c1c", "#f4e6e1"),
    ),
    DemoPicture(
        "rehearsal",
        "Gyumri mill rehearsal room",
        "The youth orchestra's rehearsal room, in the old boiler house",
        "Ani Sargsyan",
        "Music stands in a half circle in a tall room with a brick chimney",
        ("#3d5b29", "#e9f0e1"),
    ),
]


def place_pictures(body: str, numbers: dict[str, int]) -> str:
    """Put library numbers where a demo body names its pictures by key."""

    def numbered(match: re.Match) -> str:
        keys = match[2].split(",")
        return f'data-{match[1]}="{",".join(str(numbers[key]) for key in keys)}"'

    return re.sub(r'data-(image|gallery)="([^"]+)"', numbered, body)


STORIES = [
    DemoStory(
        headline="Gyumri Reopens Its Old Textile Mill as an Arts Centre",
        dek="Donors from Marseille to Glendale paid for half of the restoration; "
        "the city expects the first exhibitions before spring.",
        section="armenia",
        tags=["Gyumri", "Armenia", "Diaspora", "Culture"],
        dateline="GYUMRI",
        credit="Araks News Agency",
        caption="The restored weaving hall of the mill on opening day",
        photo_credit="Araks News Agency",
        alt="A long brick hall with tall arched windows and rows of empty easels",
        hours_ago=5,
        featured=True,
        body="""
<p>The red-brick textile mill that stood empty on the edge of Gyumri for three decades opened its doors on Saturday as a public arts centre, after a four-year restoration paid for in equal parts by the city and by donors abroad.</p>
<p>Mayor Hasmik Avetisyan cut the ribbon in the former weaving hall, where the looms were removed in the 1990s and the roof later fell in after a hard winter.</p>
<p>“This building gave work to three generations of Gyumri families, and now it will give their grandchildren a place to paint, rehearse and argue,” Avetisyan said. “We did not want a museum of the mill. We wanted the mill to work again, in a new trade.”</p>
<p>The centre will house twelve studios, a rehearsal room for the city’s youth orchestra and a print workshop, the city council said in a statement.</p>
<h2>A Loom Returns</h2>
<p>One loom came back. Levon Barseghyan, an engineer who worked at the mill before emigrating to France, found it in a farm shed near Artik and paid to have it restored.</p>
<p>“I learned my trade on machines like this one,” Barseghyan wrote on Facebook after the opening. “Children should know that this city made things the whole Soviet Union wore.”</p>
<figure data-image="loom" data-layout="inset"></figure>
<p>The Armenian Ministry of Culture said the project would serve as “a model for the dozens of industrial buildings waiting for a second life” in the country’s north.</p>
<figure data-gallery="studios,print-shop,rehearsal"></figure>
<p>The first exhibition, of photographs of the mill’s workers taken between 1965 and 1988, opens in March.</p>
<p><a href="https://www.youtube.com/watch?v=Gyumri-Mill">Inside the restored weaving hall</a></p>
<p><a href="{document:mill-plan}">The city’s restoration plan for the mill</a></p>
""",
        quotes=[
            DemoQuote(
                "Hasmik Avetisyan",
                "This building gave work to three generations of Gyumri families, and now it "
                "will give their grandchildren a place to paint, rehearse and argue. We did not "
                "want a museum of the mill. We wanted the mill to work again, in a new trade.",
                3,
            ),
            DemoQuote(
                "Levon Barseghyan",
                "I learned my trade on machines like this one",
                6,
                via="Facebook",
                is_pull_quote=True,
            ),
            DemoQuote(
                "Levon Barseghyan",
                "Children should know that this city made things the whole Soviet Union wore.",
                6,
                via="Facebook",
            ),
            DemoQuote(
                "Armenian Ministry of Culture",
                "a model for the dozens of industrial buildings waiting for a second life",
                7,
            ),
        ],
    ),
    DemoStory(
        headline="Watertown School Committee Approves Armenian Language Elective",
        dek="High school students can take Western Armenian for credit from next "
        "September, after a petition signed by 400 families.",
        section="community",
        tags=["Watertown", "Education", "Diaspora", "Western Armenian"],
        authors=["Talin Mardirossian"],
        dateline="WATERTOWN, Mass.",
        caption="Students at a weekend Armenian school class in Watertown",
        photo_credit="Weekly Mirror staff",
        alt="Teenagers at desks writing in notebooks, a map of Armenia on the wall",
        hours_ago=30,
        colours=("#1d4e89", "#e8eef6"),
        body="""
<p>The Watertown School Committee voted 6-1 on Monday night to offer Western Armenian as a for-credit language elective at Watertown High School, starting with the next school year.</p>
<p>The vote followed a petition signed by more than 400 families and two months of public comment, much of it from parents who learned the language in weekend schools.</p>
<p>“Families have carried this language on Saturdays for a hundred years,” said committee chair Nora Kazanjian. “Tonight the town carries part of the weight.”</p>
<p>The course will start with one section of up to 24 students. The district will hire a part-time teacher and share materials with two private Armenian day schools in the area.</p>
<h2>What Comes Next</h2>
<p>The committee still has to approve a budget line for the teacher’s salary, which it expects to take up in March.</p>
<p>Aram Tashjian, a parent of two who spoke at every public hearing, said he was relieved. “My daughter asked me why Spanish counts and her grandmother’s language doesn’t,” he said. “Now I have a better answer.”</p>
<p>The one member who voted against the plan said he supported the course but wanted it funded by a grant rather than the general budget.</p>
""",
        quotes=[
            DemoQuote(
                "Nora Kazanjian",
                "Families have carried this language on Saturdays for a hundred years",
                3,
                is_pull_quote=True,
            ),
            DemoQuote("Nora Kazanjian", "Tonight the town carries part of the weight.", 3),
            DemoQuote(
                "Aram Tashjian",
                "My daughter asked me why Spanish counts and her grandmother’s language "
                "doesn’t, Now I have a better answer.",
                6,
            ),
        ],
    ),
    DemoStory(
        headline="Border Villages in Tavush Wait for Road Repairs Before Winter",
        dek="Officials promise the work will start this month; village heads say "
        "they have heard that before.",
        section="armenia",
        tags=["Tavush", "Armenia", "Infrastructure"],
        dateline="IJEVAN",
        byline="Staff and agencies",
        credit="Caucasus Wire Service",
        caption="The road into Aygehovit after the autumn rains",
        photo_credit="Caucasus Wire Service",
        alt="A muddy mountain road with potholes full of water, hills behind",
        hours_ago=52,
        colours=("#2f5d3a", "#e7f0e6"),
        body="""
<p>Residents of five villages along Armenia’s northeastern border say the only road linking them to the regional centre has become nearly impassable after weeks of rain, and that repairs promised in the spring have not begun.</p>
<p>The Tavush regional administration said on Wednesday that contractors would start work “within days” and finish the worst stretches before the first snow.</p>
<p>“The money is allocated, the contract is signed, and the machines are on their way,” deputy governor Gevorg Melikyan told Lake Sevan Radio. “People will drive on a new surface before the New Year.”</p>
<p>Village heads were less certain.</p>
<p>“We were told the same thing in April, and in September,” said Siranush Petrosyan, head of Aygehovit. “An ambulance needs an hour to reach us now. In January it will not reach us at all.”</p>
<p>The road carries school buses for about 600 children, according to the regional education department.</p>
<p>Melikyan said the delay was caused by a dispute over the first tender, which was cancelled after a complaint from a losing bidder.</p>
""",
        quotes=[
            DemoQuote("Tavush Regional Administration", "within days", 2),
            DemoQuote(
                "Gevorg Melikyan",
                "The money is allocated, the contract is signed, and the machines are on their "
                "way, People will drive on a new surface before the New Year.",
                3,
                via="Lake Sevan Radio",
            ),
            DemoQuote(
                "Siranush Petrosyan",
                "We were told the same thing in April, and in September, An ambulance needs an "
                "hour to reach us now. In January it will not reach us at all.",
                5,
                is_pull_quote=True,
            ),
        ],
    ),
    DemoStory(
        headline="A Chamber Opera Sets Village Songs for a New Generation",
        dek="Ani Grigorian’s hour-long work, sung in three dialects, had its premiere "
        "in a Yerevan courtyard to a sold-out audience.",
        section="arts",
        tags=["Music", "Yerevan", "Culture"],
        authors=["Arpi Sahakian"],
        dateline="YEREVAN",
        caption="Singers rehearse in the courtyard before the premiere",
        photo_credit="Weekly Mirror staff",
        alt="Four singers in plain dark clothes standing in a stone courtyard at dusk",
        hours_ago=80,
        colours=("#5b2a86", "#f1eaf7"),
        body="""
<p>For its first hour, the audience in the courtyard of a 19th-century house on Abovyan Street barely moved. Then the four singers stepped off the platform and walked among the chairs, and the applause did not stop for several minutes.</p>
<p>The work, a chamber opera by the composer Ani Grigorian, strings together songs she recorded from elderly singers in Shirak, Syunik and the Javakhk villages across the Georgian border.</p>
<p>“These songs were never meant for a stage,” Grigorian said after the performance. “They were sung while baking bread or walking to the fields. I tried to keep that air around them.”</p>
<p>The score is spare: a kamancha, a clarinet, a cello and a frame drum. The singers switch between dialects within a single song, as the original recordings do.</p>
<p>Two more performances are planned for the spring, and the composer is looking for a partner to take the work to diaspora audiences in Europe and North America.</p>
""",
        quotes=[
            DemoQuote(
                "Ani Grigorian",
                "These songs were never meant for a stage. They were sung while baking bread or "
                "walking to the fields. I tried to keep that air around them.",
                3,
                is_pull_quote=True,
            ),
        ],
    ),
    DemoStory(
        headline="Երևանում բացվեց սփյուռքի երիտասարդների ձմեռային դպրոցը",
        dek="Forty students from Thessaloniki, Moscow, Istanbul and Iğdır spend three weeks "
        "in Yerevan learning the language their grandparents spoke.",
        section="սփյուռք",
        tags=["Երևան", "Diaspora", "Θεσσαλονίκη", "Москва", "Iğdır"],
        authors=["Անահիտ Գրիգորյան", "Talin Mardirossian"],
        dateline="YEREVAN",
        caption="Students of the winter school on the steps of the Cascade",
        photo_credit="Weekly Mirror staff",
        alt="A group of teenagers in winter coats sitting on wide stone steps",
        hours_ago=30,
        colours=("#a15c00", "#f7efe1"),
        body="""
<p>Forty students whose families left Armenia generations ago began a three-week winter school in Yerevan on Monday, studying the language in the mornings and travelling to the villages their grandparents came from in the afternoons.</p>
<p>The school is run by a foundation headed by Ani Hakobyan, a former teacher, and is paid for by parishes in the students’ home cities.</p>
<p>“Most of them understand their grandmothers but cannot answer them,” Hakobyan said. “In three weeks they will.”</p>
<p>Eleni Papadopoulou, who teaches at the Armenian school in Thessaloniki, brought twelve of her pupils.</p>
<p>“In Greece the children hear Armenian in church and at home. Here they hear it on the bus,” she told the agency Novosti Kavkaza.</p>
<p>Among the guests is Şükrü Yıldırım, a historian from Iğdır who lectures on the medieval churches of the border region.</p>
<p>“My students ask me who built the churches they walk past every day,” Yıldırım said. “I came here to learn how to answer them.”</p>
<p>The school ends with a concert before the New Year, in which the students sing in the dialects of their families’ villages.</p>
""",
        quotes=[
            DemoQuote(
                "Անի Հակոբյան",
                "Most of them understand their grandmothers but cannot answer them. "
                "In three weeks they will.",
                3,
            ),
            DemoQuote(
                "Ελένη Παπαδοπούλου",
                "In Greece the children hear Armenian in church and at home. "
                "Here they hear it on the bus.",
                5,
                via="Новости Кавказа",
                is_pull_quote=True,
            ),
            DemoQuote(
                "Şükrü Yıldırım",
                "My students ask me who built the churches they walk past every day. "
                "I came here to learn how to answer them.",
                7,
            ),
        ],
    ),
    DemoStory(
        headline="Youth Orchestra Plans Winter Tour of Diaspora Communities",
        dek="A scheduled story: it goes live by itself tomorrow morning.",
        section="arts",
        tags=["Music", "Diaspora"],
        authors=["Arpi Sahakian", "Maro Keshishian"],
        dateline="GYUMRI",
        hours_ago=-18,
        status="scheduled",
        body="""
<p>The Gyumri youth orchestra, which moves into the restored textile mill next month, will tour five cities in the diaspora over the winter holidays, its director said.</p>
<p>The tour is paid for by the families who host the musicians.</p>
""",
    ),
    DemoStory(
        headline="Draft: Budget Hearing Notes",
        dek="A draft: only editors can see it, through the admin's preview.",
        section="community",
        tags=["Watertown"],
        authors=["Talin Mardirossian"],
        status="draft",
        hours_ago=0,
        body="<p>Notes from the budget hearing, to be written up.</p>",
    ),
]

SIGNUP_BLOCK = {
    "name": "Weekly newsletter, in stories",
    "heading": "Get the Mirror in your inbox",
    "blurb": "The week's stories from Armenia and the diaspora, every Friday morning. Free.",
    "button_label": "Sign up",
}
NEWSLETTER = {
    "name": "Weekly",
    "slug": "weekly",
    "description": "The week's stories, every Friday.",
}
