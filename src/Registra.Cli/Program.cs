Console.WriteLine("registra");
