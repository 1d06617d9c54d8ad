"""Certificates: the printed PDF, its signed QR credential, and offline verification."""
