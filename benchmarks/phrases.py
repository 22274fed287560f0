"""The words synthetic essays are made of: sentence templates and the fillers for their slots.

Filler sentences name no role or example of the vocabulary (tests check this
against the plugin's matcher), so an essay with no mention sentences is untagged.
Mention templates take a role alias (``{role}``, ``{a_role}``, ``{roles}``) or an
example alias (``{ex}`` and, for verb phrases, ``{ex_ing}``, ``{ex_past}``).
"""

OPENERS = [
    "", "", "", "", "Honestly, ", "Most days, ", "In my experience, ", "Looking back, ",
    "Of course, ", "Even so, ", "For a long time, ", "Somewhere along the way, ",
    "Every morning, ", "By the end of the week, ", "On a quiet afternoon, ", "Still, ",
    "More often than not, ", "Years later, ",
]

SUBJECTS = [
    "the morning rush", "the work itself", "a long shift", "the little things",
    "every small gesture", "a quiet word", "the rest of the day", "that kind of attention",
    "the whole place", "a simple routine", "the first hour", "the last hour before closing",
    "a crowded room", "an ordinary week", "our small town", "the office", "the old building",
    "the afternoon", "a busy weekend", "the holiday season", "a good habit", "the job",
]

PREDICATES = [
    "sets the tone for everything that follows", "matters more than most people think",
    "is easy to overlook", "never shows up in a report", "teaches more than any manual",
    "adds up over the years", "changes how people feel about coming back",
    "rarely gets the credit it deserves", "can matter more than it looks", "is where trust starts",
    "says more than a slogan ever could", "takes practice, like anything else",
    "is harder than it looks", "goes unnoticed until it is missing",
    "shapes the way we think of a place", "depends on paying attention",
    "asks for a little more attention than we expect", "feels different when it is done well",
    "is not something you can fake for long", "leaves a mark on everyone involved",
]

PAST_VERBS = [
    "noticed", "thought about", "wrote down", "forgot", "learned about", "missed",
    "talked about", "looked for", "worried about", "laughed about", "read about", "counted",
]

THINGS = [
    "the sound of the espresso machine", "the long queue outside", "the rain on the windows",
    "the smell of fresh bread", "the broken sign by the entrance", "the last train home",
    "the noise of the lunch hour", "the receipt in my pocket", "the old radio in the corner",
    "the price of a sandwich", "the queue at the post office", "the empty car park",
    "the letters on the board", "the weather that week", "the clock above the till",
    "the first snow of the year", "the list of things to do", "the hum of the fridge",
]

TAILS = [
    "", "", "", ", and it stayed with me", ", though I could not say why",
    " -- and that was enough",
    ", which surprised me", " long after the doors closed", ", and nobody seemed to mind",
    " on the way home", ", and I still do",
]

SHORT_LINES = [
    "It is a small thing.", "Nobody writes that down.", "That was the whole point.",
    "It still matters.", "We all know the feeling.", "It never gets old.",
    "The rest is detail.", "Think about that for a moment.", "I was wrong about that.",
    "It works both ways.", "That is how it starts.", "Nothing about it is new.",
]

ROLE_TEMPLATES = [
    "{a_role} once told me that the job is mostly about noticing things.",
    "My first job was as {a_role}, and it taught me more than school did.",
    "Ask any {roles} and they will tell you the same story.",
    "The {role} on the early shift knew everything about the street.",
    "Nobody thinks about the {roles} until something goes wrong.",
    "I spent an afternoon watching {a_role} at work.",
    "There is a reason good {roles} are remembered for years.",
    "{roles} carry more of the day than they get credit for.",
    "Being {a_role} is harder than it looks from the outside.",
    "The best {role} I ever met never seemed to be in a hurry.",
]

EXAMPLE_TEMPLATES = [
    "The lesson fits on a sticky note: {ex}.",
    "Somebody once asked me what \"{ex}\" really means.",
    "We put \"{ex}\" at the top of the list and left it there.",
    "The sign by the door said it plainly: {ex}.",
]

VERB_TEMPLATES = [
    "Sometimes the best thing you can do is {ex}.",
    "I watched a man {ex_ing} and thought about it all day.",
    "She {ex_past} without being asked.",
    "{ex_ing} costs nothing and changes a lot.",
    "He never forgot to {ex}.",
    "It takes a moment to {ex}, and people remember it.",
]


# What stands for "someone" / "someone's" in an alias.
SOMEONE = ["me", "her", "him", "a regular", "everyone", "everybody"]
SOMEONES = ["her", "his", "my", "a regular's", "their"]

# Verbs that start example aliases: irregular ones with (past, -ing), regular ones by rule.
IRREGULAR_VERBS = {
    "be": ("was", "being"), "bring": ("brought", "bringing"), "do": ("did", "doing"),
    "find": ("found", "finding"), "get": ("got", "getting"), "give": ("gave", "giving"),
    "go": ("went", "going"), "hold": ("held", "holding"), "keep": ("kept", "keeping"),
    "leave": ("left", "leaving"), "lend": ("lent", "lending"), "let": ("let", "letting"),
    "make": ("made", "making"), "put": ("put", "putting"), "say": ("said", "saying"),
    "take": ("took", "taking"), "tell": ("told", "telling"), "tip": ("tipped", "tipping"),
}
REGULAR_VERBS = frozenset(
    "answer call carry check explain fix follow greet help listen offer pass refill "
    "remember return show shovel thank treat wait walk welcome".split()
)

TITLE_PATTERNS = [
    "The {adjective} {noun}", "On {noun}s", "What the {noun} Taught Me", "Notes from the {noun}",
    "A {adjective} Kind of {noun}", "Why the {noun} Matters", "The {noun} and the {noun2}",
]
TITLE_ADJECTIVES = [
    "Quiet", "Long", "Small", "Ordinary", "Early", "Late", "Unseen", "Patient", "Busy",
    "Second", "Honest", "Little", "Slow", "Rainy", "Crowded", "Open",
]
TITLE_NOUNS = [
    "Counter", "Morning", "Queue", "Shift", "Window", "Doorway", "Receipt", "Kettle", "Corner",
    "Crossing", "Weekend", "Ledger", "Lantern", "Bench", "Harbour", "Platform", "Errand",
]
HEADINGS = [
    "What I learned", "The hard part", "Small things", "A second look", "Why it matters",
    "Looking back", "The long view", "What changed",
]
AUTHORS = [
    "Ann Example", "Ben Ortiz", "Chidi Okafor", "Dana Kowalski", "Emeka Nwosu", "Farah Haddad",
    "Greta Lind", "Hiro Tanaka", "Ines Duarte", "Jon Baker",
]
