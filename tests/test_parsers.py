"""Value parsers: money, durations, dates, volumes, percentages, counts, negation — table-driven, with negatives."""

from __future__ import annotations

import time
from datetime import date

import pytest

from rfp_assistant.core.values import (
    WEEKS_PER_MONTH,
    Match,
    Money,
    find_counts,
    find_dates,
    find_durations,
    find_money,
    find_percentages,
    find_volumes,
    find_years_ago_window,
    normalize_space,
)
from rfp_assistant.core.text.negation import is_negated

THIN, NBSP = "\u2009", "\u00a0"


def values(matches: list[Match]) -> list:
    return [m.value for m in matches]


def assert_spans(text: str, matches: list[Match]) -> None:
    for m in matches:
        assert text[m.start : m.end] == m.text


# ---------------------------------------------------------------- money
USD, EUR = "USD", "EUR"
MONEY_CASES = [
    ("$4.85M", [(4_850_000, USD)]),
    ("$4.85 million", [(4_850_000, USD)]),
    ("USD 4,850,000", [(4_850_000, USD)]),
    ("US$ 4.85 million", [(4_850_000, USD)]),
    ("4,850,000 USD", [(4_850_000, USD)]),
    ("EUR 3.2 million", [(3_200_000, EUR)]),
    ("€3.2m", [(3_200_000, EUR)]),
    ("€ 950k", [(950_000, EUR)]),
    ("€950K", [(950_000, EUR)]),
    ("CHF 1'250'000", [(1_250_000, "CHF")]),
    ("CHF 1’250’000", [(1_250_000, "CHF")]),
    ("GBP 2.1m", [(2_100_000, "GBP")]),
    ("£2.1 million", [(2_100_000, "GBP")]),
    ("JPY 450,000,000", [(450_000_000, "JPY")]),
    ("¥450m", [(450_000_000, "JPY")]),
    ("$1.2 bn", [(1_200_000_000, USD)]),
    ("USD 1.2 billion", [(1_200_000_000, USD)]),
    ("EUR 3.200.000,00", [(3_200_000, EUR)]),
    ("3,2 Mio. EUR", [(3_200_000, EUR)]),
    ("3,2 Mio EUR", [(3_200_000, EUR)]),
    ("$ 350,000.00", [(350_000, USD)]),
    ("USD 350K", [(350_000, USD)]),
    ("EUR 280.000", [(280_000, EUR)]),  # German thousands dot
    ("USD\n4,850,000", [(4_850_000, USD)]),
    (f"1{THIN}250{THIN}000 EUR", [(1_250_000, EUR)]),
    (f"EUR 1{NBSP}250{NBSP}000,50", [(1_250_000.5, EUR)]),
    ("TEUR 950", [(950_000, EUR)]),
    ("950 kEUR", [(950_000, EUR)]),
    ("4.2 million euros", [(4_200_000, EUR)]),
    ("RMB 12 million", [(12_000_000, "CNY")]),
    ("Rs. 1.2 crore", [(12_000_000, "INR")]),  # Indian rupee prefix and crore
    ("JPY 1.2億", [(120_000_000, "JPY")]),  # East Asian units: 億/억 a hundred million, 万/만 ten thousand
    ("KRW 12.5억", [(1_250_000_000, "KRW")]),
    ("RMB 300万", [(3_000_000, "CNY")]),
    ("Mrs. 5 batches", []),
    # amounts in words with their currency (a letter's "that's ... euro", an Indian offer's total in words)
    ("sixty-one thousand euro", [(61_000, EUR)]),
    ("two hundred and sixty-nine thousand, five hundred euro", [(269_500, EUR)]),
    ("Rupees Five Crore Eighty Seven Lakh Fifty Thousand only", [(58_750_000, "INR")]),
    ("USD one million two hundred thousand", [(1_200_000, USD)]),
    ("three pounds of API", []),
    ("TT USD 450,000; batch EUR 1.2M", [(450_000, USD), (1_200_000, EUR)]),
    ("Fill/finish 3 EUR 450,000", [(450_000, EUR)]),  # "3 EUR" is a quantity cell, not money
    # not money
    ("founded in 1998, since 1998", []),
    ("RFP-2026-0147", []),
    ("1.2 bn", []),
    ("4,850,000", []),
    ("Page 3 of 14", []),
    ("prices are in 2026 US dollars", []),
    ("ISO 9001", []),
    ("part no. AB$100", []),
    ("Currency: USD", []),
    ("USD 4,850,\n000", []),  # a number broken across lines: no value rather than a wrong one
]


@pytest.mark.parametrize(("text", "expected"), MONEY_CASES)
def test_find_money(text, expected):
    found = find_money(text)
    assert [(m.value.amount, m.value.currency) for m in found] == [(float(a), c) for a, c in expected]
    assert all(isinstance(m.value, Money) for m in found)
    assert_spans(text, found)


@pytest.mark.parametrize(
    ("text", "amount", "span_text", "flags"),
    [
        ("approx. $2M", 2e6, "$2M", {"approx"}),
        ("~$2M", 2e6, "$2M", {"approx"}),
        ("$2.0-2.4M", 2.4e6, "$2.0-2.4M", {"range", "lower=2000000"}),
        ("$2M–$2.4M", 2.4e6, "$2M–$2.4M", {"range", "lower=2000000"}),
        ("USD 2 to 3 million", 3e6, "USD 2 to 3 million", {"range", "lower=2000000"}),
        ("$2M - 3 batches", 2e6, "$2M", set()),
        ("a credit of -$50k", -5e4, "-$50k", {"negative"}),
        ("USD 1.9M per lot", 1.9e6, "USD 1.9M", {"per_batch"}),
        ("CHF 1'250'000 per GMP batch", 1.25e6, "CHF 1'250'000", {"per_batch"}),
        ("US$ 1.45 million each", 1.45e6, "US$ 1.45 million", {"each"}),
        ("$3.9M total", 3.9e6, "$3.9M", set()),
    ],
)
def test_money_flags_and_spans(text, amount, span_text, flags):
    (m,) = find_money(text)
    assert m.value.amount == amount
    assert m.text == span_text == text[m.start : m.end]
    assert m.flags == frozenset(flags)


# ---------------------------------------------------------------- durations
DURATION_CASES = [
    ("10-12 weeks", [(12.0, {"range", "lower=10"})]),
    ("10 to 12 weeks", [(12.0, {"range", "lower=10"})]),
    ("10–12 wks", [(12.0, {"range", "lower=10"})]),
    ("12 weeks", [(12.0, set())]),
    ("twelve weeks", [(12.0, set())]),
    ("3 months", [(13.0, set())]),
    ("6-9 months", [(39.1, {"range", "lower=26.1"})]),
    ("1.5 years", [(78.2, set())]),
    ("90 days", [(12.9, set())]),
    ("2 quarters", [(26.1, set())]),
    ("8wks", [(8.0, set())]),
    ("16 wk", [(16.0, set())]),
    ("a 24-month stability study", [(104.3, set())]),
    ("between 10 and 12 weeks", [(12.0, {"range", "lower=10"})]),
    ("first GMP batch ~8-9 months from PO", [(39.1, {"approx", "range", "lower=34.8"})]),
    ("approximately 30 weeks after signature", [(30.0, {"approx"})]),
    ("20 working days", [(4.0, set())]),
    ("Process development: 18\nweeks", [(18.0, set())]),
    ("twenty-five weeks", [(25.0, set())]),
    # not durations
    ("Q3 2027", []),
    ("24/7 support", []),
    ("since 1998", []),
    ("Week 22 after PO", []),
    ("GMP batch 1\nWeek 28", []),
    ("RFP-2026-0147", []),
    ("Page 3 of 14", []),
    ("interest at 1.5% per month", []),
]


@pytest.mark.parametrize(("text", "expected"), DURATION_CASES)
def test_find_durations(text, expected):
    found = find_durations(text)
    assert [(m.value, set(m.flags)) for m in found] == expected
    assert_spans(text, found)


def test_month_constant_is_documented_value():
    assert WEEKS_PER_MONTH == 4.345


# ---------------------------------------------------------------- dates
D = date
DATE_CASES = [
    ("Q3 2027", D(2027, 7, 1), {"quarter"}),
    ("Q3-2027", D(2027, 7, 1), {"quarter"}),
    ("3Q27", D(2027, 7, 1), {"quarter"}),
    ("Q3'27", D(2027, 7, 1), {"quarter"}),
    ("Q3 FY2027", D(2027, 7, 1), {"quarter", "fiscal"}),
    ("third quarter of 2027", D(2027, 7, 1), {"quarter"}),
    ("March 2027", D(2027, 3, 1), {"month"}),
    ("Mar 2027", D(2027, 3, 1), {"month"}),
    ("Mar-2027", D(2027, 3, 1), {"month"}),
    ("November\n2024", D(2024, 11, 1), {"month"}),
    ("15 March 2027", D(2027, 3, 15), set()),
    ("March 15, 2027", D(2027, 3, 15), set()),
    ("2027-03-15", D(2027, 3, 15), set()),
    ("15.03.2027", D(2027, 3, 15), set()),
    ("03/15/2027", D(2027, 3, 15), set()),
    ("15/03/2027", D(2027, 3, 15), set()),  # only the day/month reading is possible
    ("03/04/2027", D(2027, 3, 4), {"ambiguous"}),  # ambiguous slashes read as US m/d/Y
    ("H2 2027", D(2027, 7, 1), {"half"}),
    ("second half of 2027", D(2027, 7, 1), {"half"}),
    ("early 2027", D(2027, 1, 1), {"approx"}),
    ("mid-2027", D(2027, 7, 1), {"approx"}),
    ("late 2027", D(2027, 10, 1), {"approx"}),
    ("15. März 2027", D(2027, 3, 15), set()),
]


@pytest.mark.parametrize(("text", "value", "flags"), DATE_CASES)
def test_find_dates(text, value, flags):
    found = find_dates(text)
    assert [(m.value, set(m.flags)) for m in found] == [(value, flags)]
    assert found[0].text == text
    assert_spans(text, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a purchase order by 2027.", [D(2027, 1, 1)]),
        ("operational in 2027 at Worcester", [D(2027, 1, 1)]),
        ("Founded in 2010, Tidewater", [D(2010, 1, 1)]),
        ("2027", []),
        ("RFP-2026-0147", []),
        ("24/7", []),
        ("Page 3 of 14", []),
        ("31.02.2027", []),
        ("13/13/2027", []),
        ("in 2000 L bioreactors", []),
        ("CHE-412.118.907 MWST", []),
        ("ISO 9001", []),
        ("the schedule may 2027 units", []),
        ("Q5 2027", []),
    ],
)
def test_dates_year_only_and_rejections(text, expected):
    found = find_dates(text)
    assert values(found) == expected
    for m in found:
        assert m.flags == {"year_only"} and len(m.text) == 4 and m.text.isdigit()
    assert_spans(text, found)


def test_dates_in_order_with_spans():
    text = "Founded in 2004; issued 19.01.2026; slot Q4 2026, release in March 2027, expansion by late 2028."
    found = find_dates(text)
    assert values(found) == [D(2004, 1, 1), D(2026, 1, 19), D(2026, 10, 1), D(2027, 3, 1), D(2028, 10, 1)]
    assert [m.text for m in found] == ["2004", "19.01.2026", "Q4 2026", "March 2027", "late 2028"]
    assert_spans(text, found)


# ---------------------------------------------------------------- volumes
VOLUME_CASES = [
    ("2,000 L", [(2000.0, set())]),
    ("2000 L", [(2000.0, set())]),
    ("2000L", [(2000.0, set())]),
    ("2,000 liters", [(2000.0, set())]),
    ("2000 litres", [(2000.0, set())]),
    ("2 kL", [(2000.0, set())]),
    ("2kL", [(2000.0, set())]),
    ("2 m³", [(2000.0, set())]),
    ("2 m3", [(2000.0, set())]),
    ("500 mL", [(0.5, set())]),
    ("4 x 2,000 L", [(2000.0, {"multiplied", "count=4"})]),
    ("2 × 2000 L", [(2000.0, {"multiplied", "count=2"})]),
    ("Largest SUB on site: 2 kL (x2)", [(2000.0, {"multiplied", "count=2"})]),
    ("50-2,000 L", [(2000.0, {"range", "lower=50"})]),
    ("a 3000-liter fermenter", [(3000.0, set())]),
    ("slot in the 2,000\nL train", [(2000.0, set())]),
    ("single-use up to 15,000 L", [(15000.0, {"up_to"})]),
    ("2.000 L Bioreaktor", [(2000.0, set())]),
    ("50 L / 200 L / 500 L", [(50.0, set()), (200.0, set()), (500.0, set())]),
    # not volumes
    ("LOT 2000", []),
    ("ISO 9001", []),
    ("a flow of 2 L/min", []),
    ("titer of 1.5 g/L", []),
    ("Lyophilization", []),
    ("15 m² shelf area", []),
    ("BSL-3 suite", []),
    ("model HP2000L", []),
    ("Page 3 of 14", []),
]


@pytest.mark.parametrize(("text", "expected"), VOLUME_CASES)
def test_find_volumes(text, expected):
    found = find_volumes(text)
    assert [(m.value, set(m.flags)) for m in found] == expected
    assert_spans(text, found)


# ---------------------------------------------------------------- percentages
PERCENT_CASES = [
    ("12%", [(12.0, set())]),
    ("12 %", [(12.0, set())]),
    ("12 percent", [(12.0, set())]),
    ("15 per cent", [(15.0, set())]),
    ("a 15% markup", [(15.0, set())]),
    ("cost plus 10%", [(10.0, set())]),
    ("cost plus 12.5%.", [(12.5, set())]),
    ("Zuschlag 12,5 %", [(12.5, set())]),
    ("Twenty-five percent of the total", [(25.0, set())]),
    ("10-15%", [(15.0, {"range", "lower=10"})]),
    ("10%–15%", [(15.0, {"range", "lower=10"})]),
    ("$3.9M total (+/- 15%)", [(15.0, {"tolerance"})]),
    ("a refolding yield of at least 25%", [(25.0, {"at_least"})]),
    ("30% at PO; 70% on release", [(30.0, set()), (70.0, set())]),
    ("100% single-use", [(100.0, set())]),
    # not percentages
    ("12 products", []),
    ("ISO 9001", []),
    ("% of the total", []),
    ("Page 3 of 14", []),
    ("version 12.5", []),
    ("CT-201%", []),
]


@pytest.mark.parametrize(("text", "expected"), PERCENT_CASES)
def test_find_percentages(text, expected):
    found = find_percentages(text)
    assert [(m.value, set(m.flags)) for m in found] == expected
    assert_spans(text, found)


# ---------------------------------------------------------------- counts
PRODUCTS, OBS, PROGRAMS = r"(?:commercial\s+)?products?", r"observations?", r"programs?"
COUNT_CASES = [
    ("three (3) commercial products", PRODUCTS, [(3, set())]),
    ("12 products", PRODUCTS, [(12, set())]),
    ("Seven commercial products are manufactured", PRODUCTS, [(7, set())]),
    ("we manufacture four\ncommercial products", PRODUCTS, [(4, set())]),
    ("No commercial products are manufactured", PRODUCTS, [(0, {"none"})]),
    ("two observations", OBS, [(2, set())]),
    ("no observations", OBS, [(0, {"none"})]),
    ("no Form 483 observations", OBS, [(0, {"none"})]),
    ("closed with zero Form 483 observations", OBS, [(0, {"none"})]),
    ("outcome: NAI, no 483 observations", OBS, [(0, {"none"})]),
    ("VAI with one Form 483\nobservation", OBS, [(1, set())]),
    ("a dozen programs", PROGRAMS, [(12, set())]),
    ("twenty-five programs", PROGRAMS, [(25, set())]),
    ("two hundred and ten programs", PROGRAMS, [(210, set())]),
    ("38 monoclonal antibody\nprograms", PROGRAMS, [(38, set())]),
    ("more than 140 clinical programs", PROGRAMS, [(140, {"more_than"})]),
    ("two to three GMP batches", r"batch(?:es)?", [(3, {"range", "lower=2"})]),
    ("1,150 people", r"people", [(1150, set())]),
    ("two polishing steps produce three products", PRODUCTS, [(3, set())]),
    ("no more than 3 observations", OBS, [(3, {"up_to"})]),
    # not counts
    ("since 2004 products", PRODUCTS, []),
    ("Warning letters, last 5 years\nNone\nProduct approvals", PRODUCTS, []),
    ("the CT-201 programs", PROGRAMS, []),
    ("Form 483 observations\n2 (both closed)", OBS, []),
    ("no later than the programs start", PROGRAMS, []),
    ("Page 3 of 14", PRODUCTS, []),
]


@pytest.mark.parametrize(("text", "noun", "expected"), COUNT_CASES)
def test_find_counts(text, noun, expected):
    found = find_counts(text, noun)
    assert [(m.value, set(m.flags)) for m in found] == expected
    assert_spans(text, found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("no FDA warning letter in the past five years", [5]),
        ("Warning letters, last 5 years: None", [5]),
        ("within the previous three years", [3]),
        ("over the last 10 years", [10]),
        ("last year", []),
        ("five years of experience", []),
    ],
)
def test_find_years_ago_window(text, expected):
    assert values(find_years_ago_window(text)) == expected


# ---------------------------------------------------------------- helpers
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  a\n b\t\tc  ", "a b c"),
        (f"USD{NBSP}4,850,000", "USD 4,850,000"),
        (f"1{THIN}250\u202f000 EUR", "1 250 000 EUR"),
        ("lyo\u200bphilization", "lyophilization"),
        ("", ""),
    ],
)
def test_normalize_space(text, expected):
    assert normalize_space(text) == expected


NEGATION_CASES = [
    ("We do not offer lyophilization.", "lyophilization", True),
    ("We have no lyophilization capability.", "lyophilization", True),
    ("Lyophilization is not offered at this site.", "Lyophilization", True),
    ("Tablets are made without lyophilization.", "lyophilization", True),
    ("We are not currently able to offer lyo services.", "lyo", True),
    ("We don't offer lyophilization.", "lyophilization", True),
    ("Q4.5 Lyophilization available? No.", "Lyophilization", True),
    ("Lyophilization\nNo", "Lyophilization", True),
    ("Containment\nBSL-2 only; no OEB 4/5 or BSL-3 suites", "BSL-3", True),
    ("We do not manufacture antibody-drug conjugates, vaccines or cell and gene therapies.", "gene therapies", True),
    ("PD is not part of this proposal, and cell line development is not offered.", "cell line development", True),
    ("Neither lyophilization nor fill/finish is offered.", "fill/finish", True),
    ("The Philadelphia facility has not yet been inspected by the FDA.", "inspected", True),
    ("We offer not only lyophilization but also fill/finish.", "lyophilization", False),
    ("We offer not only lyophilization but also fill/finish.", "fill/finish", False),
    ("Deliver no later than March, including lyophilization.", "lyophilization", False),
    ("Lyophilization capacity of no more than 20 m2.", "Lyophilization", False),
    ("Lyophilization is offered at Raleigh but is excluded from this scope.", "Lyophilization", False),
    ("We do not charge FTE rates, and we offer lyophilization.", "lyophilization", False),
    ("PD is not part of this proposal, and cell line development is offered.", "cell line development", False),
    ("Q4.4 Aseptic fill/finish available? Yes – vials (not part of this scope).", "Aseptic fill/finish", False),
    ("Lyophilization\nYes, 2 lyophilizers", "Lyophilization", False),
    ("Services include but are not limited to lyophilization.", "lyophilization", False),
    ("We offer lyophilization.", "lyophilization", False),
]


@pytest.mark.parametrize(("sentence", "term", "expected"), NEGATION_CASES)
def test_is_negated(sentence, term, expected):
    start = sentence.index(term)
    assert is_negated(sentence, start, start + len(term)) is expected


# ---------------------------------------------------------------- speed
_PAGE = (
    "4. Commercial terms\nNorthfield proposes a fixed-price basis. The total price is US$ 4.85 million; "
    "technology transfer: US$ 620,000; two GMP batches at US$ 1.45 million each. Raw materials are invoiced "
    "at cost plus 12%. Technology transfer will take 10-12 weeks; the first GMP batch ~8-9 months from PO. "
    "Our earliest slot in the 2,000\nL train is Q3 2027 (or September 2026); 4 x 2,000 L single-use and "
    "two 5,000 L stainless steel bioreactors. The FDA inspected the site on 12 May 2025 (NAI) with zero "
    "Form 483 observations and no warning letters in the past five years. Seven commercial products are "
    "approved. We do not offer lyophilization. Page 3 of 14 RFP-2026-0147 CHF 1'250'000 EUR 3.200.000,00\n"
)


def test_all_parsers_on_a_20_page_proposal_are_fast():
    text = (_PAGE * (60_000 // len(_PAGE) + 1))[:60_000]
    parsers = (find_money, find_durations, find_dates, find_volumes, find_percentages, find_years_ago_window)
    for parse in parsers:  # warm the regex cache outside the timing
        parse(_PAGE)
    find_counts(_PAGE, PRODUCTS)
    began = time.perf_counter()
    results = [parse(text) for parse in parsers] + [find_counts(text, PRODUCTS), find_counts(text, OBS)]
    elapsed = time.perf_counter() - began
    assert all(results)
    # The brief's budget is 50 ms; the margin absorbs a loaded CI machine.
    assert elapsed < 0.25, f"{elapsed * 1000:.0f} ms"
