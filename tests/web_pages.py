"""Outside web pages as sites really serve them, for the reader view's tests.

Each article page wraps its text in the boilerplate of a real news site: navigation,
a cookie banner, a share bar, a rail of related articles, comments and a footer. The
words in :data:`BOILERPLATE` appear only in those parts, so a test can assert that the
article was found and everything around it was left out.
"""

from __future__ import annotations

from typing import Final

ARTICLE_TITLE: Final = "Port of Antwerp opens a new hydrogen terminal"
SITE_NAME: Final = "The Scheldt Courier"
AUTHOR: Final = "Marie Dubois"
ARTICLE_SENTENCES: Final = (
    "The port authority opened its first terminal for green hydrogen on Tuesday morning.",
    "Ships from Oman and Chile will unload ammonia there from the spring of next year.",
    "Engineers spent three winters building the storage tanks on the reclaimed quay.",
)
TABLE_CELL: Final = "Ammonia throughput"
LIST_ITEM: Final = "A pipeline to the chemical cluster of Zwijndrecht"
SECOND_TITLE: Final = "Dredging the Scheldt estuary, a history"
SECOND_SENTENCE: Final = "The first dredgers worked the estuary channel in the nineteenth century."
BOILERPLATE: Final = (
    "Subscribe to our newsletter",
    "We use cookies to improve your experience",
    "Share on Facebook",
    "Most read this week",
    "Leave a comment",
    "All rights reserved by Courier Media Group",
    "Sports pages",
    "Commenter Bob wrote this reply",
)


def _frame(title: str, content: str, *, published: str = "2026-05-12T09:30:00+02:00") -> str:
    """A page of the site around ``content``: everything but the article is boilerplate."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{title} | {SITE_NAME}</title>
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="{SITE_NAME}">
<meta property="og:type" content="article">
<meta name="author" content="{AUTHOR}">
<meta property="article:published_time" content="{published}">
<script>window.dataLayer = [{{"event": "pageview"}}];</script>
<style>.cookie {{ position: fixed; }}</style>
</head><body>
<div class="cookie-banner cookie" role="dialog"><p>We use cookies to improve your experience
on our site and to show you personalised advertising.</p><button>Accept all</button>
<button>Manage settings</button></div>
<header class="site-header"><a href="/">{SITE_NAME}</a>
<nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sports">Sports pages</a>
</li><li><a href="/culture">Culture</a></li><li><a href="/subscribe">Subscribe to our newsletter
</a></li></ul></nav></header>
<main><article class="story">
<h1>{title}</h1>
<p class="byline">By {AUTHOR}</p>
<div class="share-bar"><a href="https://facebook.example/share">Share on Facebook</a>
<a href="https://x.example/share">Share on X</a> <a href="mailto:?subject=x">Email</a></div>
<div class="article-body">{content}</div>
</article>
<aside class="related-rail"><h2>Most read this week</h2><ul>
<li><a href="/news/1">Ten things to do in Ghent this weekend, ranked by our readers</a></li>
<li><a href="/news/2">Why the tram to the coast is late again, and what it costs you</a></li>
<li><a href="/news/3">A baker in Bruges wins the national croissant prize for the third time</a>
</li></ul></aside>
<section id="comments" class="comments"><h2>Leave a comment</h2>
<div class="comment"><p>Commenter Bob wrote this reply: great news for the region, but what
about the jobs at the old refinery that closed last year?</p></div>
<form><textarea></textarea><button>Post</button></form></section>
</main>
<footer class="site-footer"><p>All rights reserved by Courier Media Group, 2026.</p>
<ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li></ul></footer>
<script src="/static/app.js"></script>
</body></html>"""


def article_page(second_url: str = "/news/dredging") -> str:
    """The main test article: paragraphs, a list, a table, a figure, links on."""
    first, second, third = ARTICLE_SENTENCES
    content = f"""
<p>{first} The terminal cost <strong>1.2 billion euros</strong> and was paid for by the port
and two energy companies, who will share its use for the next twenty years.</p>
<p>{second} Read <a href="{second_url}">the history of dredging the estuary</a> for why the
quay could be built at all, and the <a href="https://www.example.org/report">port's own report</a>
for the figures behind the plan.</p>
<h2>What the terminal brings</h2>
<ul><li>{LIST_ITEM}</li><li>Two berths for tankers of up to 80,000 tonnes</li>
<li>Storage for a month of the country's industrial demand</li></ul>
<figure><img src="/img/terminal.jpg" alt="The new terminal seen from the river">
<figcaption>The new terminal seen from the river.</figcaption></figure>
<table><thead><tr><th>Measure</th><th>2027</th><th>2030</th></tr></thead>
<tbody><tr><td>{TABLE_CELL}</td><td>1.0 Mt</td><td>4.5 Mt</td></tr>
<tr><td>Jobs on the site</td><td>150</td><td>420</td></tr></tbody></table>
<p>{third} The mayor called it a turning point for the city, which has lived from its port
for five centuries and now hopes to live from its energy trade as well.</p>"""
    return _frame(ARTICLE_TITLE, content)


def second_page() -> str:
    content = f"""
<p>{SECOND_SENTENCE} They were steam-driven bucket dredgers, slow and loud, and each of them
could move a few hundred cubic metres of silt in a day of work on the river.</p>
<p>Today's suction hopper dredgers move that much in minutes. The estuary is deepened every
decade so that the largest container ships can reach the port at any tide.</p>
<p>Back to <a href="/news/hydrogen">the hydrogen terminal</a>.</p>"""
    return _frame(SECOND_TITLE, content)


def app_shell() -> str:
    """A single-page app: nothing to read until its scripts run, and no <noscript>."""
    return """<!doctype html><html><head><title>Dashboard</title>
<script type="module" src="/assets/index-4f2a.js"></script>
<link rel="stylesheet" href="/assets/index.css"></head>
<body><div id="root"></div><script>window.__INITIAL_STATE__ = {"user": null};</script>
</body></html>"""


def empty_page() -> str:
    """A page with no article: a search form and a menu."""
    return f"""<!doctype html><html><head><title>Search | {SITE_NAME}</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<form action="/search"><input name="q"><button>Search</button></form>
<footer>All rights reserved by Courier Media Group</footer></body></html>"""


def latin1_page() -> bytes:
    """A page whose charset is named only in its <meta>, as old sites do."""
    text = _frame(
        "Café culture in Liège",
        "<p>Les cafés de Liège servent le café liégeois depuis des générations, et les "
        "habitués y lisent le journal chaque matin, été comme hiver, près de la fenêtre.</p>"
        "<p>Au déjeuner, la salle se remplit d'étudiants et d'employés du quartier.</p>",
    ).replace('<meta charset="utf-8">', '<meta charset="windows-1252">')
    return text.encode("cp1252")


PDF_BYTES: Final = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n" + b"0" * 20_000 + b"\n%%EOF\n"
