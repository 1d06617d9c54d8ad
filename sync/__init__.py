"""Talks to the central platform: xAPI statements up, history and catalog down. No Qt.

Built in a later issue; the package exists now so the layer contracts hold from the start.
"""
