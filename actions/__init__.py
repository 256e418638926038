"""Rasa custom actions: thin adapters between the conversation and the engine."""
