"""A tiny lending-library ledger: books, members and loans kept in plain text files.

Written for explainable-ecco as held-out code for the demo model (it is never trained on), so
the held-out evaluation covers Python without committing anyone else's source."""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

LOAN_DAYS = 21
DAILY_FINE_CENTS = 15
MAX_FINE_CENTS = 600


@dataclass(frozen=True)
class Book:
    shelf_mark: str
    title: str
    author: str
    year: int

    def label(self) -> str:
        return f"{self.shelf_mark}  {self.title} ({self.author}, {self.year})"


@dataclass
class Loan:
    shelf_mark: str
    member_id: int
    lent_on: dt.date
    returned_on: dt.date | None = None

    @property
    def due_on(self) -> dt.date:
        return self.lent_on + dt.timedelta(days=LOAN_DAYS)

    def days_late(self, today: dt.date) -> int:
        end = self.returned_on or today
        return max(0, (end - self.due_on).days)

    def fine_cents(self, today: dt.date) -> int:
        return min(MAX_FINE_CENTS, self.days_late(today) * DAILY_FINE_CENTS)


@dataclass
class Ledger:
    books: dict[str, Book] = field(default_factory=dict)
    loans: list[Loan] = field(default_factory=list)

    def add_book(self, book: Book) -> None:
        if book.shelf_mark in self.books:
            raise ValueError(f"shelf mark {book.shelf_mark!r} is already taken")
        self.books[book.shelf_mark] = book

    def on_loan(self) -> set[str]:
        return {loan.shelf_mark for loan in self.loans if loan.returned_on is None}

    def lend(self, shelf_mark: str, member_id: int, today: dt.date) -> Loan:
        if shelf_mark not in self.books:
            raise KeyError(f"no book with shelf mark {shelf_mark!r}")
        if shelf_mark in self.on_loan():
            raise ValueError(f"{self.books[shelf_mark].title!r} is already lent out")
        loan = Loan(shelf_mark, member_id, today)
        self.loans.append(loan)
        return loan

    def give_back(self, shelf_mark: str, today: dt.date) -> Loan:
        for loan in reversed(self.loans):
            if loan.shelf_mark == shelf_mark and loan.returned_on is None:
                loan.returned_on = today
                return loan
        raise ValueError(f"{shelf_mark!r} is not on loan")

    def overdue(self, today: dt.date) -> list[tuple[Book, Loan]]:
        late = [(self.books[loan.shelf_mark], loan) for loan in self.loans
                if loan.returned_on is None and loan.days_late(today) > 0]
        return sorted(late, key=lambda pair: pair[1].due_on)

    def search(self, words: str) -> list[Book]:
        wanted = words.lower().split()
        found = []
        for book in self.books.values():
            haystack = f"{book.title} {book.author}".lower()
            if all(word in haystack for word in wanted):
                found.append(book)
        return sorted(found, key=lambda book: (book.author, book.year))


def read_books(path: Path) -> list[Book]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = csv.DictReader(handle)
        return [Book(row["shelf_mark"], row["title"], row["author"], int(row["year"])) for row in rows]


def write_loans(path: Path, loans: list[Loan]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["shelf_mark", "member_id", "lent_on", "returned_on"])
        for loan in loans:
            returned = loan.returned_on.isoformat() if loan.returned_on else ""
            writer.writerow([loan.shelf_mark, loan.member_id, loan.lent_on.isoformat(), returned])


def format_cents(cents: int) -> str:
    return f"{cents // 100}.{cents % 100:02d}"


if __name__ == "__main__":
    ledger = Ledger()
    ledger.add_book(Book("A-101", "The Lighthouse Keeper", "Mara Quill", 1998))
    ledger.add_book(Book("A-102", "Rivers of the North", "Tomas Fenn", 2004))
    ledger.add_book(Book("B-210", "Counting Stars", "Ada Rowe", 2011))
    start = dt.date(2024, 3, 1)
    ledger.lend("A-101", 7, start)
    ledger.lend("B-210", 3, start + dt.timedelta(days=5))
    ledger.give_back("B-210", start + dt.timedelta(days=12))
    today = start + dt.timedelta(days=30)
    for book, loan in ledger.overdue(today):
        print(f"{book.label()}: {loan.days_late(today)} days late, fine {format_cents(loan.fine_cents(today))}")
