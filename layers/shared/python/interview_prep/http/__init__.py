"""The HTTP boundary of every API function, one concern per module.

``app``        the resolver factory and the Lambda entry point
``gate``       what runs before a body is parsed: the caller (``auth``) and the body (``limits``)
``errors``     every failure rendered in the standard error shape
``openapi``    the route decorator that documents success, errors and security
``params``     parameters several routes share
``responses``  success responses
``links``      every URL the API hands out, from the route table and the stage prefix
``generation`` the generation routes, one Router both generation functions include
"""
