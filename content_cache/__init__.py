"""Course packages: formats, signed repositories, downloads, the shared content store. No Qt.

Built in a later issue; the package exists now so the layer contracts hold from the start.
"""
