"""Qorgau knowledge base: answer cards, services, regions, quizzes and myths (kk/ru)."""

from knowledge.base import KnowledgeBase
from knowledge.models import Card, Myth, Quiz, QuizQuestion, Region, Review, Service

__all__ = ["Card", "KnowledgeBase", "Myth", "Quiz", "QuizQuestion", "Region", "Review", "Service"]
